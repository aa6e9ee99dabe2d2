using System.Net;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>The report, smoke-tested on the embedded SQLite default: its queries (counts, latest times, benchmark) translate there too.</summary>
public sealed class SqliteReportTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_report_with_previous_scan_benchmark_and_a_note_works_on_SQLite_in_English()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var organisation = await app.CreateClientAsync(me);
        var previous = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.CreatedAt = DateTimeOffset.UtcNow.AddYears(-1); }, organisation);
        await ResponseSeeding.AddAsync(app, previous.Id, ["employee", "employee"], seed: 1);
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee", "employee", "employee", "management"], seed: 2);
        for (var i = 0; i < 5; i++)
        {
            var closed = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed);
            // A benchmark member has at least its anonymity threshold (5) of responses.
            await ResponseSeeding.AddAsync(app, closed.Id, ["employee", "employee", "management", "employee", "support"], seed: 10 + i);
        }

        var url = $"/scans/{scan.Id}/report";
        var note = await client.SubmitAsync(url, [new("note.ConditionKey", "purposefulness"), new("note.Text", "KPIs ontbreken.")], $"{url}?handler=Note");
        var (response, page) = await client.GetAsync($"{url}?culture=en");

        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = page.Body!.TextContent;
        Assert.Contains("Based on 6 submitted responses.", text);
        Assert.Contains("Compared with 5 closed scans on the same questionnaire in the sector Care.", text);
        Assert.Equal(5, page.QuerySelectorAll("#previous tbody tr").Length);
        Assert.Single(page.QuerySelectorAll("#groups tbody tr"));
        Assert.Contains("KPIs ontbreken.", page.QuerySelector("#note-purposefulness")!.TextContent);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }
}
