using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.ReportBench;

/// <summary>
/// Whether the pages that look across scans stay flat as the installation grows: two databases in one run, one
/// with 14 closed scans of 200 respondents each and one with 140 (a national benchmark; half of them in the
/// client's sector), each with the client's own closed scan and open scan of 200 respondents. Measured, alternating
/// between the two: a closed scan's report with its sector benchmark, an open scan's live poll with nothing new
/// (what every open report asks every 5 s), the state of affairs; warm as configured and with the report cache off;
/// and after a restart (a new app on the same database) the first report and the first state of affairs. The closed
/// scans' summaries are written as closing them writes them; the one-off cost of computing them all at once (an
/// installation upgraded from before summaries) is reported separately. Target: 140 at most 1.5× 14.
/// </summary>
public static class InstallationBench
{
    private const int Respondents = 200;

    private sealed record Installation(int ClosedScans, string ConnectionString, string Database, Guid ClosedScan, Guid OpenScan, string OpenStamp);

    public static async Task RunAsync(string server, int requests)
    {
        var installations = new List<Installation>();
        try
        {
            foreach (var size in new[] { 14, 140 })
                installations.Add(await SeedAsync(server, size));

            var rows = new List<(string Measure, double Small, double Large)>();
            foreach (var cache in new[] { true, false })
            {
                var apps = installations.Select(i => new ReportBench.App(i.ConnectionString, cache)).ToList();
                try
                {
                    var consultants = new List<HttpClient>();
                    var admins = new List<HttpClient>();
                    foreach (var app in apps)
                    {
                        consultants.Add(await ReportBench.SignInAsync(app, ConsultantEmail));
                        admins.Add(await ReportBench.SignInAsync(app, AdminEmail));
                    }

                    var mode = cache ? "warm" : "cache off";
                    rows.Add(($"closed scan's report with sector benchmark, {mode}", 0, 0));
                    rows[^1] = await AlternateAsync(rows[^1].Measure, requests, i => consultants[i], i => $"/scans/{installations[i].ClosedScan}/report", HttpStatusCode.OK);
                    rows.Add(await AlternateAsync($"open scan's live poll, nothing new, {mode}", requests * 3, i => consultants[i],
                        i => $"/scans/{installations[i].OpenScan}/report?handler=Live&since={installations[i].OpenStamp}", HttpStatusCode.NoContent));
                    rows.Add(await AlternateAsync($"state of affairs, {mode}", requests, i => admins[i], _ => "/admin/state", HttpStatusCode.OK));
                    // An admin's clients list holds every client of the installation: paged, so flat in their number.
                    rows.Add(await AlternateAsync($"clients list (an admin: every client), {mode}", requests, i => admins[i], _ => "/clients", HttpStatusCode.OK));
                    if (cache)
                    {
                        // What the pages hold: the state of affairs shows a group's figures from five organisations on, so at 140
                        // scans it shows far more of them than at 14, and its HTML grows with what it shows, not with the scans.
                        foreach (var (url, what) in new[] { ("/clients", "clients list (20 a page)"), ("/admin/state", "state of affairs") })
                        {
                            var sizes = new double[2];
                            for (var i = 0; i < 2; i++)
                                sizes[i] = (await admins[i].GetByteArrayAsync(url)).Length / 1024.0;
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTML of the {what}: {sizes[0]:0.0} KB at 14 scans, {sizes[1]:0.0} KB at 140."));
                        }
                    }
                }
                finally
                {
                    foreach (var app in apps)
                        await app.DisposeAsync();
                }
            }

            rows.AddRange(await AfterRestartAsync(installations, restarts: 5));
            Report(rows, requests);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var installation in installations)
                await ReportBench.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{installation.Database}\" WITH (FORCE)");
        }
    }

    private const string ConsultantEmail = "consultant@installation.test";
    private const string AdminEmail = "admin@installation.test";

    private static async Task<Installation> SeedAsync(string server, int closedScans)
    {
        var started = Stopwatch.StartNew();
        var database = $"qs_installbench_{closedScans}_{Guid.NewGuid():N}";
        await ReportBench.ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await using var app = new ReportBench.App(connectionString, cache: true);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        foreach (var (email, role) in new[] { (ConsultantEmail, Roles.Consultant), (AdminEmail, Roles.Admin) })
        {
            var created = await UserSeeding.CreateAsync(services, email, role, role, ReportBench.Password, mustChange: false);
            if (!created.Succeeded)
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var db = services.GetRequiredService<QuickscanDbContext>();
        var consultant = await db.Users.SingleAsync(u => u.Email == ConsultantEmail);
        var version = await db.QuestionnaireVersions.OrderBy(v => v.Id).FirstAsync();
        var questionnaire = QuestionnaireJson.Load(version.DefinitionJson);
        var random = new Random(closedScans);
        var now = DateTimeOffset.UtcNow;
        string[] sectors = ["government", "education", "finance", "industry", "services"];
        string[] sizes = ["50-249", "250-999", "1000-4999", "5000+"];

        // The client's own scans have every answer row and open answers, as a real scan; the benchmark population's
        // scans only their scores (what the benchmark and the state of affairs read of them).
        async Task<Guid> ScanAsync(string name, string sector, Guid? owner, ScanStatus status, DateTimeOffset at)
        {
            var organisation = new Organisation { Name = name, Sector = sector, SizeClass = sizes[random.Next(sizes.Length)], OwnerId = owner, CreatedAt = at };
            var scan = new Scan
            {
                Organisation = organisation, QuestionnaireVersionId = version.Id, Title = $"Quickscan {at.Year}",
                Status = status, ShareToken = Tokens.New(), JoinCode = Tokens.NewJoinCode(), CreatedAt = at,
                ClosedAt = status == ScanStatus.Closed ? at.AddDays(30) : null,
            };
            db.Scans.Add(scan);
            await db.SaveChangesAsync();
            await ReportBench.AddRespondentsAsync(db, questionnaire, scan.Id, Respondents, random, at, answerRows: owner is not null);
            return scan.Id;
        }

        var closed = new List<Guid>();
        for (var i = 0; i < closedScans; i++)
        {
            // Half in the client's sector, so its report compares within the sector; spread over three years.
            var sector = i % 2 == 0 ? "care" : sectors[i % sectors.Length];
            closed.Add(await ScanAsync($"Organisatie {i + 1}", sector, null, ScanStatus.Closed, now.AddMonths(-2 - (i % 36))));
        }

        var closedScan = await ScanAsync("De klant", "care", consultant.Id, ScanStatus.Closed, now.AddMonths(-1));
        var openScan = await ScanAsync("De klant met een open scan", "care", consultant.Id, ScanStatus.Open, now);
        closed.Add(closedScan);
        Console.WriteLine($"Seeded {closedScans + 1} closed scans and 1 open scan of {Respondents} respondents each in {started.Elapsed.TotalSeconds:0.0} s.");

        // As closing writes them: each closed scan's summary (timed: the one-off cost for an upgraded installation).
        var summarising = Stopwatch.StartNew();
        await services.GetRequiredService<ScanSummaries>().GetAsync(closed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Computed and stored {closed.Count} scan summaries at once in {summarising.Elapsed.TotalMilliseconds:0} ms."));
        // Planner statistics as autovacuum keeps them in an installation that grew over months; right after a bulk
        // seed they are missing or from part-way through it, and the plans (nested loops over every scan) with them.
        await ReportBench.ExecuteAsync(connectionString, "ANALYZE");
        // The live poll's stamp: the open scan's results version, its own part and its counter slots.
        var stamp = await db.Scans.Where(s => s.Id == openScan).WithResultsVersion(db).Select(v => v.ResultsVersion).SingleAsync();
        return new Installation(closedScans, connectionString, database, closedScan, openScan, stamp.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>GETs of the same page in both installations, alternating so both see the same machine load; medians.</summary>
    private static async Task<(string, double, double)> AlternateAsync(string measure, int requests, Func<int, HttpClient> client, Func<int, string> url, HttpStatusCode expected)
    {
        var times = new[] { new List<double>(), new List<double>() };
        for (var round = 0; round < requests + 10; round++)
        {
            for (var i = 0; i < 2; i++)
            {
                var elapsed = await TimeAsync(client(i), url(i), expected);
                if (round >= 10)
                    times[i].Add(elapsed);
            }
        }

        return (measure, Median(times[0]), Median(times[1]));
    }

    /// <summary>A new app on each database (empty in-memory caches, as after a deploy): its first report, then its first state of affairs.</summary>
    private static async Task<List<(string, double, double)>> AfterRestartAsync(List<Installation> installations, int restarts)
    {
        var report = new[] { new List<double>(), new List<double>() };
        var state = new[] { new List<double>(), new List<double>() };
        for (var round = 0; round < restarts; round++)
        {
            for (var i = 0; i < 2; i++)
            {
                await using var app = new ReportBench.App(installations[i].ConnectionString, cache: true);
                var consultant = await ReportBench.SignInAsync(app, ConsultantEmail);
                var admin = await ReportBench.SignInAsync(app, AdminEmail);
                // The sign-ins warmed the app itself (JIT, Razor, the pool); the report's data is what's cold.
                report[i].Add(await TimeAsync(consultant, $"/scans/{installations[i].ClosedScan}/report", HttpStatusCode.OK));
                state[i].Add(await TimeAsync(admin, "/admin/state", HttpStatusCode.OK));
            }
        }

        return
        [
            ("first report after a restart", Median(report[0]), Median(report[1])),
            ("first state of affairs after a restart", Median(state[0]), Median(state[1])),
        ];
    }

    private static async Task<double> TimeAsync(HttpClient client, string url, HttpStatusCode expected)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{url} answered {response.StatusCode}, expected {expected}.");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }

    private static void Report(List<(string Measure, double Small, double Large)> rows, int requests)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Installation size: 14 against 140 closed scans of {Respondents} respondents each, medians ({requests} requests, 180 for the poll; 5 restarts):");
        Console.WriteLine($"{"measure",-58} {"14 scans",10} {"140 scans",10} {"ratio",7}");
        foreach (var (measure, small, large) in rows)
            Console.WriteLine(string.Create(culture, $"{measure,-58} {$"{small:0.0} ms",10} {$"{large:0.0} ms",10} {large / small,7:0.00}  {(large / small <= 1.5 ? "met" : "NOT met")}"));
    }
}
