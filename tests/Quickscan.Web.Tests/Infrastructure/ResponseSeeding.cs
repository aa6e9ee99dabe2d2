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
    public static async Task<List<RespondentResult>> AddAsync(QuickscanApp app, Guid scanId, IReadOnlyList<string?> roleGroups, int seed, int? lean = null, DateTimeOffset? at = null)
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
                var result = RespondentScoring.Score(questionnaire, Answers(questionnaire, random, lean ?? random.Next(1, 6)));
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
                db.Respondents.Add(respondent);
                results.Add(result);
            }

            await db.SaveChangesAsync();
        });
        return results;
    }
}
