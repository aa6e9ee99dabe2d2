using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>
/// Submitted responses written straight into the database (respondent + RespondentScore rows, the scores
/// computed by the domain library from generated answers), for tests that need many scans or respondents
/// and are not about the journey itself.
/// </summary>
public static class ResponseSeeding
{
    /// <summary>Generated answers; <paramref name="lean"/> (1–5) pulls the agreement answers up or down.</summary>
    public static List<Answer> Answers(Questionnaire questionnaire, Random random, int lean) =>
        questionnaire.Questions
            .Where(q => q.IsScored())
            .Select<QuestionDefinition, Answer>(q => q.Kind switch
            {
                QuestionKind.Agreement => new ScaleAnswer(q.Key, Math.Clamp(lean + random.Next(-1, 2), 1, 5)),
                _ => new ChoiceAnswer(q.Key, q.Options![Math.Clamp(lean - 1 + random.Next(-1, 2), 0, q.Options.Count - 1)].Key),
            })
            .ToList();

    /// <summary>Adds one submitted respondent per role group given (null: none chosen); returns their scores.</summary>
    public static async Task<List<RespondentResult>> AddAsync(QuickscanApp app, Guid scanId, IReadOnlyList<string?> roleGroups, int seed, int? lean = null, DateTimeOffset? at = null, bool withAnswers = false)
    {
        var random = new Random(seed);
        var results = new List<RespondentResult>();
        await app.ExecuteAsync(async db =>
        {
            var versionId = await db.Scans.Where(s => s.Id == scanId).Select(s => s.QuestionnaireVersionId).SingleAsync();
            var questionnaire = QuestionnaireJson.Load(await db.QuestionnaireVersions.Where(v => v.Id == versionId).Select(v => v.DefinitionJson).SingleAsync());
            var now = at ?? DateTimeOffset.UtcNow;
            foreach (var roleGroup in roleGroups)
            {
                var answers = Answers(questionnaire, random, lean ?? random.Next(1, 6));
                var result = RespondentScoring.Score(questionnaire, answers);
                var respondent = new Respondent
                {
                    ScanId = scanId,
                    ResumeTokenHash = Tokens.Hash(Tokens.New()),
                    RoleGroup = roleGroup,
                    StartedAt = now,
                    LastActivityAt = now,
                    SubmittedAt = now,
                };
                respondent.Score = ScoreSheetJson.ToRow(result, respondent.Id, scanId, roleGroup, now);
                if (withAnswers)
                    respondent.Answers.AddRange(answers.Select(a => a.ToRow(respondent.Id, now)));
                db.Respondents.Add(respondent);
                results.Add(result);
            }

            await db.SaveChangesAsync();
        });
        return results;
    }

    /// <summary>One submitted respondent with exactly these answers (stored, and scored by the domain library).</summary>
    public sealed record Seeded(IReadOnlyList<Answer> Answers, string? RoleGroup = RoleGroupKeys.Employee, string? Department = null, Track Track = Track.Survey);

    /// <summary>Adds submitted respondents with the given answers, role groups, departments and tracks; returns their ids.</summary>
    public static async Task<List<Guid>> AddAnsweredAsync(QuickscanApp app, Guid scanId, IReadOnlyList<Seeded> respondents)
    {
        var ids = new List<Guid>();
        await app.ExecuteAsync(async db =>
        {
            var versionId = await db.Scans.Where(s => s.Id == scanId).Select(s => s.QuestionnaireVersionId).SingleAsync();
            var questionnaire = QuestionnaireJson.Load(await db.QuestionnaireVersions.Where(v => v.Id == versionId).Select(v => v.DefinitionJson).SingleAsync());
            var now = DateTimeOffset.UtcNow;
            foreach (var seeded in respondents)
            {
                var respondent = new Respondent
                {
                    ScanId = scanId,
                    ResumeTokenHash = Tokens.Hash(Tokens.New()),
                    RoleGroup = seeded.RoleGroup,
                    Department = seeded.Department,
                    Track = seeded.Track,
                    StartedAt = now,
                    LastActivityAt = now,
                    SubmittedAt = now,
                };
                var result = RespondentScoring.Score(questionnaire, seeded.Answers, new RespondentProfile(seeded.Track, seeded.RoleGroup));
                respondent.Score = ScoreSheetJson.ToRow(result, respondent.Id, scanId, seeded.RoleGroup, now);
                respondent.Answers.AddRange(seeded.Answers.Select(a => a.ToRow(respondent.Id, now)));
                db.Respondents.Add(respondent);
                ids.Add(respondent.Id);
            }

            await db.SaveChangesAsync();
        });
        return ids;
    }
}
