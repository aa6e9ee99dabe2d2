using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Scans;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The report's benchmark against other organisations' closed scans, and the report's fixed number of
/// queries. A database of their own: every closed scan in it is part of the population.
/// </summary>
public sealed class ReportBenchmarkTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");

    private static string Text(IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private async Task<ScoreProfile> ProfileAsync(Guid scanId)
    {
        var rows = await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == scanId).Select(s => new { s.RoleGroup, s.ScoresJson }).ToListAsync());
        return ScanAggregation.Aggregate(Questionnaire, rows.Select(r => ScoreSheetJson.Read(r.ScoresJson, r.RoleGroup)).ToList()).Profile;
    }

    /// <summary>The first published version, v1.</summary>
    private Task<int> V1Async() => app.QueryAsync(db => db.QuestionnaireVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());

    /// <summary>A closed scan of a new organisation in the sector, with a few submitted responses; on v1 unless told.</summary>
    private async Task<Scan> ClosedScanAsync(string sector, int seed, int? versionId = null)
    {
        var version = versionId ?? await V1Async();
        var scan = await app.CreateScanAsync(s =>
        {
            s.Status = ScanStatus.Closed;
            s.ClosedAt = DateTimeOffset.UtcNow;
            s.Organisation.Sector = sector;
            s.QuestionnaireVersionId = version;
        });
        // The scan's anonymity threshold (5) of responses: fewer and it is no comparable member.
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management", "employee", "support", "employee"], seed);
        return scan;
    }

    /// <summary>Another published row of the default questionnaire: a wording revision of v1, or another version (99, clear of the shipped ones).</summary>
    private Task<int> PublishAsync(int version, int revision) => app.QueryAsync(async db =>
    {
        var v1 = await db.QuestionnaireVersions.OrderBy(v => v.Id).FirstAsync();
        var row = new QuestionnaireVersion { Key = v1.Key, Version = version, Revision = revision, DefinitionJson = v1.DefinitionJson, PublishedAt = DateTimeOffset.UtcNow };
        db.QuestionnaireVersions.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    });

    [Fact]
    public async Task The_benchmark_ranks_against_closed_scans_in_the_sector_when_it_has_enough_otherwise_all_sectors()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var care = await app.CreateClientAsync(me); // sector "care"
        var v1 = await V1Async();
        var scan = await app.CreateScanAsync(s => s.QuestionnaireVersionId = v1, care);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "management", "support"], seed: 100);

        // In the population: four closed care scans on v1 and one on a wording revision of v1 …
        var revision = await PublishAsync(version: 1, revision: 1);
        var careScans = new List<Scan>();
        for (var i = 0; i < 4; i++)
            careScans.Add(await ClosedScanAsync("care", seed: 200 + i));
        careScans.Add(await ClosedScanAsync("care", seed: 210, versionId: revision));
        // … not: open scans, closed scans without a submitted response, scans on another version.
        var open = await app.CreateScanAsync(s => { s.Organisation.Sector = "care"; s.QuestionnaireVersionId = v1; });
        await ResponseSeeding.AddAsync(app, open.Id, ["employee"], seed: 300);
        await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.Organisation.Sector = "care"; s.QuestionnaireVersionId = v1; });
        await ClosedScanAsync("care", seed: 310, versionId: await PublishAsync(version: 99, revision: 0));
        // … nor a test scan, nor a closed scan with fewer responses than its anonymity threshold.
        var test = await ClosedScanAsync("care", seed: 320);
        await app.ExecuteAsync(async db =>
        {
            (await db.Scans.SingleAsync(s => s.Id == test.Id)).IsTest = true;
            await db.SaveChangesAsync();
        });
        var thin = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.ClosedAt = DateTimeOffset.UtcNow; s.Organisation.Sector = "care"; s.QuestionnaireVersionId = v1; });
        await ResponseSeeding.AddAsync(app, thin.Id, ["employee", "employee", "management", "support"], seed: 330);
        // Elsewhere: three closed education scans.
        var educationScans = new List<Scan>();
        for (var i = 0; i < 3; i++)
            educationScans.Add(await ClosedScanAsync("education", seed: 400 + i));

        var (response, page) = await client.GetAsync($"/scans/{scan.Id}/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var section = page.QuerySelector("#benchmark")!;
        Assert.Contains("Vergeleken met 5 gesloten scans op dezelfde vragenlijst in de sector Zorg.", Text(section));
        var population = new List<ScoreProfile>();
        foreach (var other in careScans)
            population.Add(await ProfileAsync(other.Id));
        var own = await ProfileAsync(scan.Id);
        var expected = Benchmark.Rank(Questionnaire, own, population)!;
        var rows = section.QuerySelectorAll("tbody tr");
        foreach (var (condition, row) in expected.Conditions.Zip(rows))
        {
            var cells = row.QuerySelectorAll("td").Select(Text).ToList();
            Assert.Equal(own.ConditionScore(condition.Key)!.Value.ToString("0", Dutch), cells[0]);
            var median = Quickscan.Domain.Reports.ReportRules.Median(population.Select(p => p.ConditionScore(condition.Key)!.Value.ToDouble()).ToList())!.Value;
            Assert.Equal(median.ToString("0", Dutch), cells[1]);
            Assert.Equal(condition.Percentile!.Value.ToString("0", Dutch), cells[2]);
            Assert.Equal("5", cells[3]);
        }

        Assert.Equal(expected.IndexPercentile!.Value.ToString("0", Dutch), Text(rows[4].QuerySelectorAll("td")[2]));
        Assert.Contains("Benchmark (mediaan)", Text(page.QuerySelector("#profile .legend")));

        // A client in education: too few closed scans in that sector, so every sector (5 + 3).
        var education = await app.QueryAsync(async db =>
        {
            var organisation = new Organisation { Name = "Hogeschool", Sector = "education", OwnerId = me.Id, CreatedAt = DateTimeOffset.UtcNow };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return organisation;
        });
        var educationScan = await app.CreateScanAsync(s => s.QuestionnaireVersionId = v1, education);
        await ResponseSeeding.AddAsync(app, educationScan.Id, ["employee", "employee"], seed: 500);

        var (_, fallback) = await client.GetAsync($"/scans/{educationScan.Id}/report");

        var fallbackSection = fallback.QuerySelector("#benchmark")!;
        Assert.Contains("Vergeleken met 8 gesloten scans op dezelfde vragenlijst, uit alle sectoren: in de sector Onderwijs zijn er nog geen 5.", Text(fallbackSection));
        foreach (var other in educationScans)
            population.Add(await ProfileAsync(other.Id));
        var everywhere = Benchmark.Rank(Questionnaire, await ProfileAsync(educationScan.Id), population)!;
        Assert.Equal(
            everywhere.Conditions.Select(c => c.Percentile!.Value.ToString("0", Dutch)),
            fallbackSection.QuerySelectorAll("tbody tr").Take(4).Select(r => Text(r.QuerySelectorAll("td")[2])));
    }
}
