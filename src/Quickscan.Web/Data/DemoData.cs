using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Data;

/// <summary>Development only: a demo organisation with an open scan and sample responses, so a new user sees a working scan at once.</summary>
public static class DemoData
{
    private const string OrganisationName = "Voorbeeld Zorggroep";

    public static async Task SeedAsync(WebApplication app, QuickscanDbContext db, User? owner)
    {
        var now = DateTimeOffset.UtcNow;
        var scan = await db.Scans.Include(s => s.Organisation).FirstOrDefaultAsync(s => s.Organisation.Name == OrganisationName);
        if (scan is null)
        {
            var version = await db.QuestionnaireVersions.Where(v => v.Kind == QuestionnaireKind.Quickscan)
                .OrderByDescending(v => v.Version).ThenByDescending(v => v.Revision).FirstAsync();
            var questionnaire = QuestionnaireJson.Load(version.DefinitionJson);
            var organisation = new Organisation { Name = OrganisationName, Sector = "care", SizeClass = "1000-4999", OwnerId = owner?.Id, CreatedAt = now };
            scan = new Scan
            {
                Organisation = organisation,
                QuestionnaireVersionId = version.Id,
                Title = "Quickscan interne community's 2026",
                WelcomeText = "Welkom! We willen weten hoe onze interne community's ervoor staan. Je antwoorden zijn anoniem.",
                Status = ScanStatus.Open,
                ShareToken = Tokens.New(),
                JoinCode = Tokens.NewJoinCode(),
                IntakeToken = Tokens.New(),
                PlatformName = "Viva Engage",
                CreatedAt = now,
            };
            db.Scans.Add(scan);
            AddSampleResponses(db, scan, questionnaire, now);
            await db.SaveChangesAsync();
        }

        var path = $"/s/{scan.ShareToken}";
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
            // Straight to the console, not the log: the log masks every token, and this demo link is meant to be used.
            Console.WriteLine($"{Environment.NewLine}  Demo scan for {OrganisationName} is open at {address.TrimEnd('/') + path}{Environment.NewLine}");
        });
    }

    /// <summary>
    /// Twelve submitted employees with varied, repeatable answers, each answering only what routing shows them, and
    /// (when the questionnaire has one) one submitted owner intake.
    /// </summary>
    private static readonly string[] OpenAnswers =
    [
        "Minder zoeken naar de juiste versie van een document.",
        "Als het rooster en de overdracht erin zouden staan, zou ik het elke dag gebruiken.",
        "Het is niet duidelijk wie de groepen beheert; vragen blijven soms dagen liggen.",
        "Kennis delen tussen de locaties gaat sneller dan via de mail.",
        "Ik mis meldingen op mijn telefoon.",
        "Een vaste plek voor vragen aan de afdeling ICT.",
    ];

    private static void AddSampleResponses(QuickscanDbContext db, Scan scan, Questionnaire questionnaire, DateTimeOffset now)
    {
        var random = new Random(2026);
        string[] roles = ["employee", "employee", "employee", "management", "community-manager", "support"];
        for (var i = 0; i < 12; i++)
            Add(new RespondentProfile(Track.Survey, roles[i % roles.Length]), i);
        if (questionnaire.HasIntake())
            Add(new RespondentProfile(Track.Intake, "community-manager"), 12);

        void Add(RespondentProfile profile, int i)
        {
            var lean = random.Next(2, 5);
            var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
            foreach (var question in questionnaire.AllQuestions)
            {
                if (!questionnaire.IsShown(question, profile, answers))
                    continue;
                Answer? answer = question.Kind switch
                {
                    QuestionKind.Agreement when question.DontKnow && random.Next(10) == 0 => new DontKnowAnswer(question.Key),
                    QuestionKind.Agreement => new ScaleAnswer(question.Key, Math.Clamp(lean + random.Next(-1, 2), 1, 5)),
                    QuestionKind.SingleChoice => new ChoiceAnswer(question.Key, question.Options![Math.Min(question.Options.Count - 1, random.Next(question.Options.Count))].Key),
                    // Most write an open answer too, so the demo report has quotes.
                    QuestionKind.OpenText when random.Next(4) > 0 => new TextAnswer(question.Key, OpenAnswers[(i + question.Key.Length) % OpenAnswers.Length]),
                    _ => null,
                };
                if (answer is not null)
                    answers[question.Key] = answer;
            }

            var respondent = new Respondent
            {
                Scan = scan,
                ResumeTokenHash = Tokens.Hash(Tokens.New()),
                RoleGroup = profile.RoleGroup,
                Track = profile.Track,
                StartedAt = now.AddMinutes(-30 - i),
                LastActivityAt = now.AddMinutes(-10 - i),
                SubmittedAt = now.AddMinutes(-10 - i),
            };
            respondent.Answers.AddRange(answers.Values.Select(a => a.ToRow(respondent.Id, respondent.SubmittedAt.Value)));
            respondent.Score = ScoreSheetJson.ToRow(RespondentScoring.Score(questionnaire, [.. answers.Values], profile), respondent.Id, scan.Id, respondent.RoleGroup, now);
            db.Respondents.Add(respondent);
        }
    }
}
