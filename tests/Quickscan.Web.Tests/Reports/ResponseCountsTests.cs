using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>The report's one-pass counts give what the rules give, counted one by one, with and without flagged responses excluded.</summary>
public sealed class ResponseCountsTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_one_pass_counts_are_the_rules_counts(bool excludeFlagged)
    {
        var scan = await app.CreateScanAsync(s => s.ExcludeFlagged = excludeFlagged);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management", "employee", "support", "employee", "employee"], seed: 41);
        await app.ExecuteAsync(async db =>
        {
            var rows = await db.Respondents.Where(r => r.ScanId == scan.Id).OrderBy(r => r.Id).ToListAsync();
            // Marks on some: one not counted, one straight-lining, one too fast, one both; one started only; one interview.
            rows[0].Counted = false;
            rows[1].StraightLining = true;
            rows[2].TooFast = true;
            rows[3].StraightLining = true;
            rows[3].TooFast = true;
            rows[4].Source = RespondentSource.Interview;
            rows[5].SubmittedAt = null;
            await db.SaveChangesAsync();
        });

        var (counts, expected) = await app.QueryAsync(async read =>
        {
            var respondents = read.Respondents.Where(r => r.ScanId == scan.Id);
            var counted = respondents.CountedSubmissions();
            return (await respondents.Counts(excludeFlagged).SingleAsync(), new ResponseCounts(
                await respondents.CountAsync(),
                await respondents.InFigures().CountAsync(),
                await respondents.InFigures().CountAsync(r => r.Source == RespondentSource.Interview),
                await respondents.InFigures().MaxAsync(r => r.SubmittedAt),
                await respondents.CountAsync(r => r.SubmittedAt != null && !r.Counted),
                await counted.CountAsync(r => r.StraightLining),
                await counted.CountAsync(r => r.TooFast),
                await counted.CountAsync(r => r.StraightLining || r.TooFast)));
        });

        Assert.Equal(expected, counts);
        // The seeded figures, by hand: 6 started; counted and submitted: rows 1–4; flagged among them: rows 1, 2, 3.
        Assert.Equal((6, excludeFlagged ? 1 : 4, 1, 3), (counts.Started, counts.Submitted, counts.NotCounted, counts.Flagged));
    }
}
