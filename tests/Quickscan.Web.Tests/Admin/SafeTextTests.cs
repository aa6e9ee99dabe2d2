using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Admin;

/// <summary>Wording is plain text: a script tag or HTML in any text renders as text, never as markup.</summary>
public sealed class SafeTextTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    public const string Hostile = "<script>alert('x')</script><b>vet</b>";

    /// <summary>A published version whose every question text, advice and level description carries hostile markup.</summary>
    public static async Task<int> PublishHostileVersionAsync(QuickscanApp app)
    {
        var definition = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Definition;
        foreach (var question in definition.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions).ToList())
            definition = definition.ReplaceQuestion(question.Key, q => q with { Text = new LocalizedText(q.Text.Nl + Hostile, q.Text.En + Hostile) });
        foreach (var condition in definition.Conditions.ToList())
        {
            definition = definition.ReplaceCondition(condition.Key, c => c with
            {
                Name = new LocalizedText(c.Name.Nl + Hostile, c.Name.En + Hostile),
                Levels = [.. c.Levels.Select(l => l with { Description = new(l.Description.Nl + Hostile, l.Description.En + Hostile), Advice = new LocalizedText(l.Advice.Text.Nl + Hostile, l.Advice.Text.En + Hostile) })],
            });
        }

        return await app.QueryAsync(async db =>
        {
            if (await db.QuestionnaireVersions.Where(v => v.Key == "hostile").Select(v => (int?)v.Id).SingleOrDefaultAsync() is { } existing)
                return existing;
            var version = new QuestionnaireVersion
            {
                Key = "hostile",
                Version = 1,
                DefinitionJson = QuestionnaireJson.Write(definition with { Key = "hostile" }),
                PublishedAt = DateTimeOffset.UtcNow,
            };
            db.QuestionnaireVersions.Add(version);
            await db.SaveChangesAsync();
            return version.Id;
        });
    }

    [Fact]
    public async Task Markup_in_questionnaire_texts_is_shown_as_text_on_every_respondent_page()
    {
        var versionId = await PublishHostileVersionAsync(app);
        var scan = await app.CreateScanAsync(s => { s.QuestionnaireVersionId = versionId; s.WelcomeText = Hostile; });
        var respondent = new RespondentClient(app, scan.ShareToken);
        var pages = new List<string>();

        async Task Read(string path)
        {
            var response = await respondent.Http.GetAsync(respondent.Url(path));
            pages.Add(await response.Content.ReadAsStringAsync());
        }

        await Read("");
        await respondent.StartAsync();
        var questionnaire = QuestionnaireJson.Load(await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Id == versionId).Select(v => v.DefinitionJson).SingleAsync()));
        foreach (var condition in questionnaire.Conditions)
        {
            foreach (var factor in condition.Factors)
                await Read($"/q/{factor.Key}");
            await respondent.AnswerAsync(condition.Key, Respond.JourneyTests.AnswersFor(condition));
        }

        await Read("/review");
        await respondent.SubmitAsync();
        await Read("/result");

        Assert.All(pages, html =>
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<b>vet</b>", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;", html);
        });
    }

    [Fact]
    public async Task Markup_in_questionnaire_texts_and_notes_is_text_in_the_report_and_the_pdf()
    {
        var versionId = await PublishHostileVersionAsync(app);
        var consultant = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(s => s.QuestionnaireVersionId = versionId, await app.CreateClientAsync(consultant, "Klant <i>schuin</i>"));
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var questionnaire = QuestionnaireJson.Load(await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Id == versionId).Select(v => v.DefinitionJson).SingleAsync()));
        foreach (var condition in questionnaire.Conditions)
            await respondent.AnswerAsync(condition.Key, Respond.JourneyTests.AnswersFor(condition));
        await respondent.SubmitAsync();
        var client = await SignedInClient.SignInAsync(app, consultant);

        var report = await (await client.Http.GetAsync($"/scans/{scan.Id}/report")).Content.ReadAsStringAsync();
        var pdf = await (await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf")).Content.ReadAsByteArrayAsync();

        Assert.DoesNotContain("<script>alert", report);
        Assert.DoesNotContain("<b>vet</b>", report);
        Assert.DoesNotContain("<i>schuin</i>", report);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", report);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        // In the PDF the markup is printed as the characters it is made of.
        Assert.Contains("<script>alert('x')</script><b>vet</b>", text.Replace(" ", ""));
        Assert.Contains("<i>schuin</i>", text.Replace(" ", ""));
    }
}
