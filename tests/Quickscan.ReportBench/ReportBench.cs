using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.ReportBench;

/// <summary>
/// Measures, in one run on PostgreSQL, how long the consultant's report page takes for a scan with 10
/// respondents and for one with 2,000: the app in-process (WebApplicationFactory, Release, logging at
/// Warning), a signed-in consultant, many GETs of /scans/{id}/report alternating between the two scans.
/// Respondent and RespondentScore rows are inserted in bulk; each ScoresJson is ScoreSheetJson.Write of
/// the domain library's score for generated answers. Each scan also has a previous scan (20 respondents)
/// and there are 8 closed benchmark scans (30 respondents each), so every section of the report is built.
/// Three modes: the app as configured with nothing new between requests (aggregates kept in memory per
/// stamp of the stored scores); as configured with one stored score re-scored before each request, as a
/// new submission during a workshop would (the kept aggregate reads the new rows and is recomputed); and
/// with Quickscan:ReportCache=false (every request reads and aggregates every stored score again, also
/// the previous scan's and the benchmark population's).
/// </summary>
public static class ReportBench
{
    internal const string Password = "report bench password 1";

    public static async Task<int> Main(string[] args)
    {
        // The app's content root (views, wwwroot): src/Quickscan.Web of the repository this tool was built in.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_QUICKSCAN_WEB", FindWebProject());
        var requests = ArgOr(args, "--requests", 200);
        var warmup = ArgOr(args, "--warmup", 20);
        var server = Environment.GetEnvironmentVariable("QUICKSCAN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set QUICKSCAN_TEST_POSTGRES to a PostgreSQL server where a database may be created (scripts/report-bench.sh does).");
        if (args.Contains("--installation-only"))
        {
            await InstallationBench.RunAsync(server, ArgOr(args, "--installation-requests", 60));
            return 0;
        }

        var database = $"qs_reportbench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            Scenario scenario;
            await using (var seeding = new App(connectionString, cache: true))
                scenario = await SeedAsync(seeding);

            if (args.Contains("--profile"))
                await ProfileAsync(connectionString, scenario);

            var results = new List<(string Mode, Figures Small, Figures Large)>();
            var modes = new (string Name, bool Cache, bool Submit)[]
            {
                ("as configured, nothing new (readers, polls)", true, false),
                ("as configured, a new response before each", true, true),
                ("cache off: everything recomputed each time", false, false),
            };
            foreach (var (name, cache, submit) in modes)
            {
                await using var app = new App(connectionString, cache);
                var client = await SignInAsync(app, scenario.Email);
                var (small, large) = await MeasureAsync(app, client, scenario, requests, warmup, submit);
                results.Add((name, small, large));
            }

            Report(results, requests, warmup);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }

        if (!args.Contains("--skip-installation"))
            await InstallationBench.RunAsync(server, ArgOr(args, "--installation-requests", 60));
        return 0;
    }

    private sealed record Scenario(string Email, Guid Small, Guid Large);

    public sealed record Figures(int Respondents, double Median, double P90, double Min)
    {
        public static Figures Of(int respondents, List<double> times)
        {
            times.Sort();
            return new Figures(respondents, Percentile(times, 0.5), Percentile(times, 0.9), times[0]);
        }

        private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Round((sorted.Count - 1) * p)];
    }

    internal sealed class App(string connectionString, bool cache) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("ConnectionStrings:Quickscan", connectionString);
            builder.UseSetting("Quickscan:ReportCache", cache ? "true" : "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
            // EF Core logs the first look for its migrations table (before it exists) as an error.
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Fatal");
            // Production refuses to start without encrypted Data Protection keys: a throwaway certificate.
            builder.UseSetting("Quickscan:DataProtection:CertificatePath", KeyCertificate.Value);
            builder.UseSetting("Quickscan:DataProtection:CertificatePassword", CertificatePassword);
        }
    }

    private const string CertificatePassword = "bench";

    /// <summary>A self-signed RSA certificate in a temp file, deleted when the benchmark ends.</summary>
    private static readonly Lazy<string> KeyCertificate = new(() =>
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=Quickscan report bench", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var path = Path.Combine(Path.GetTempPath(), $"quickscan-bench-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, CertificatePassword));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private static async Task<Scenario> SeedAsync(App app)
    {
        var started = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var email = "consultant@bench.test";
        var created = await UserSeeding.CreateAsync(services, email, "Bench consultant", Roles.Consultant, Password, mustChange: false);
        if (!created.Succeeded)
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = services.GetRequiredService<QuickscanDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Email == email);
        var version = await db.QuestionnaireVersions.OrderBy(v => v.Id).FirstAsync();
        var questionnaire = QuestionnaireJson.Load(version.DefinitionJson);
        var random = new Random(2026);
        var now = DateTimeOffset.UtcNow;

        async Task<Guid> ScanAsync(Organisation organisation, ScanStatus status, DateTimeOffset createdAt, int respondents)
        {
            var scan = new Scan
            {
                OrganisationId = organisation.Id, QuestionnaireVersionId = version.Id, Title = $"Quickscan {createdAt.Year}",
                Status = status, ShareToken = Tokens.New(), JoinCode = Tokens.NewJoinCode(), CreatedAt = createdAt, ClosedAt = status == ScanStatus.Closed ? createdAt.AddDays(30) : null,
            };
            db.Scans.Add(scan);
            await db.SaveChangesAsync();
            await AddRespondentsAsync(db, questionnaire, scan.Id, respondents, random, createdAt, answerRows: status == ScanStatus.Open);
            return scan.Id;
        }

        async Task<Organisation> OrganisationAsync(string name, Guid? ownerId)
        {
            var organisation = new Organisation { Name = name, Sector = "care", SizeClass = "1000-4999", OwnerId = ownerId, CreatedAt = now };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return organisation;
        }

        var small = await OrganisationAsync("Kleine Zorg", owner.Id);
        var large = await OrganisationAsync("Grote Zorggroep", owner.Id);
        await ScanAsync(small, ScanStatus.Closed, now.AddYears(-1), 20);
        await ScanAsync(large, ScanStatus.Closed, now.AddYears(-1), 20);
        for (var i = 0; i < 8; i++)
            await ScanAsync(await OrganisationAsync($"Benchmark {i + 1}", null), ScanStatus.Closed, now.AddMonths(-6), 30);
        var smallScan = await ScanAsync(small, ScanStatus.Open, now, 10);
        var largeScan = await ScanAsync(large, ScanStatus.Open, now, 2000);
        // Planner statistics as autovacuum keeps them in a database that grew over time (see InstallationBench).
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"Seeded 2 report scans (10 and 2,000 respondents), 2 previous scans and 8 closed benchmark scans in {started.Elapsed.TotalSeconds:0.0} s.");
        return new Scenario(email, smallScan, largeScan);
    }

    /// <summary>
    /// Respondent and RespondentScore rows in bulk, scored by the domain library from generated answers; with
    /// <paramref name="answerRows"/> their answer rows too, as a real scan has them (the report's distributions and
    /// don't-know shares are counted from them), and an open answer from about seven in ten respondents to each
    /// open question (its quotes).
    /// </summary>
    internal static async Task AddRespondentsAsync(QuickscanDbContext db, Questionnaire questionnaire, Guid scanId, int count, Random random, DateTimeOffset at, bool answerRows = false)
    {
        var openQuestions = questionnaire.Questions.Where(q => q.Kind == QuestionKind.OpenText).ToList();
        string?[] roles = ["employee", "employee", "employee", "management", "community-manager", "support", null];
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < count; done += 500)
        {
            for (var i = done; i < Math.Min(count, done + 500); i++)
            {
                var lean = random.Next(1, 6);
                var answers = questionnaire.Questions
                    .Where(q => q.IsScored())
                    .Select<QuestionDefinition, Answer>(q => q.Kind switch
                    {
                        QuestionKind.Agreement when random.Next(12) == 0 => new DontKnowAnswer(q.Key),
                        QuestionKind.Agreement => new ScaleAnswer(q.Key, Math.Clamp(lean + random.Next(-1, 2), 1, 5)),
                        _ => new ChoiceAnswer(q.Key, q.Options![random.Next(q.Options.Count)].Key),
                    })
                    .ToList();
                var result = RespondentScoring.Score(questionnaire, answers);
                var role = roles[random.Next(roles.Length)];
                var respondent = new Respondent
                {
                    ScanId = scanId, ResumeTokenHash = Tokens.Hash(Tokens.New()), RoleGroup = role,
                    // Submitted over the ten hours up to at, never after it: scoring times are in the past, as in the app.
                    StartedAt = at.AddHours(-10), LastActivityAt = at, SubmittedAt = at.AddMinutes(-(i % 600)),
                };
                db.Respondents.Add(respondent);
                db.RespondentScores.Add(ScoreSheetJson.ToRow(result, respondent.Id, scanId, role, at.AddMinutes(-(i % 600))));
                if (answerRows)
                {
                    var texts = openQuestions.Where(_ => random.Next(10) < 7).Select(q => new TextAnswer(q.Key, OpenText(random)));
                    foreach (var answer in answers.Concat(texts))
                        db.RespondentAnswers.Add(answer.ToRow(respondent.Id, respondent.LastActivityAt));
                }
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private static readonly string[] Openings = ["Meer tijd om", "Als ik kon", "Het zou helpen om", "Vooral", "Minder mail en meer", "Duidelijker waar ik kan"];
    private static readonly string[] Middles = ["samen te werken aan projecten", "vragen te stellen aan collega's", "kennis te delen met andere teams", "nieuws van de afdeling te volgen", "documenten te vinden", "plannen te maken met de klant"];
    private static readonly string[] Endings = ["zonder te zoeken.", "op één plek.", "in ons dagelijkse werk.", "en minder vergaderen.", "zodat het echt werkt.", ""];

    /// <summary>An open answer of one to three sentences (60–250 characters), as respondents write them.</summary>
    private static string OpenText(Random random) =>
        string.Join(" ", Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            $"{Openings[random.Next(Openings.Length)]} {Middles[random.Next(Middles.Length)]} {Endings[random.Next(Endings.Length)]}".Trim()));

    internal static async Task<HttpClient> SignInAsync(App app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        var login = await client.GetStringAsync("/account/login");
        var token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("Input.Email", email), new("Input.Password", Password), new("__RequestVerificationToken", token)]));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in failed: {response.StatusCode}");
        return client;
    }

    /// <summary>
    /// GETs of both reports, alternating so both see the same machine load. With <paramref name="submit"/>, before
    /// each request (untimed) one new respondent is submitted and scored in each scan, as in a workshop: the report's
    /// stamp moves on and the kept aggregate must be brought up to date. Those respondents are deleted afterwards, so
    /// the next mode measures the same scans.
    /// </summary>
    private static async Task<(Figures Small, Figures Large)> MeasureAsync(App app, HttpClient client, Scenario scenario, int requests, int warmup, bool submit)
    {
        var small = new List<double>();
        var large = new List<double>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuickscanDbContext>();
        var questionnaire = QuestionnaireJson.Load(await db.QuestionnaireVersions.OrderBy(v => v.Id).Select(v => v.DefinitionJson).FirstAsync());
        var counts = new Dictionary<Guid, int> { [scenario.Small] = 10, [scenario.Large] = 2000 };
        var sizes = new Dictionary<Guid, int>();
        // Respondents submitted from now on are this mode's: deleted at the end (the seeded ones were submitted before).
        var mark = DateTimeOffset.UtcNow;
        var random = new Random(7);
        for (var i = 0; i < warmup + requests; i++)
        {
            foreach (var (scan, times) in new[] { (scenario.Small, small), (scenario.Large, large) })
            {
                if (submit)
                {
                    await AddRespondentsAsync(db, questionnaire, scan, 1, random, DateTimeOffset.UtcNow, answerRows: true);
                    counts[scan]++;
                }

                var expected = counts[scan].ToString(CultureInfo.InvariantCulture);
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync($"/scans/{scan}/report");
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK || !body.Contains($"data-responses=\"{expected}\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"The report of the {expected}-respondent scan answered {response.StatusCode}.");
                if (i >= warmup)
                    times.Add(watch.Elapsed.TotalMilliseconds);
                sizes[scan] = body.Length;
            }
        }

        if (submit)
        {
            await db.RespondentScores.Where(x => db.Respondents.Any(r => r.Id == x.RespondentId && r.SubmittedAt >= mark)).ExecuteDeleteAsync();
            await db.Respondents.Where(r => r.SubmittedAt >= mark).ExecuteDeleteAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTML of the report{(submit ? " (a new response before each)" : "")}: {sizes[scenario.Small] / 1024.0:0.0} KB at 10 respondents, {sizes[scenario.Large] / 1024.0:0.0} KB at 2,000."));
        return (Figures.Of(10, small), Figures.Of(2000, large));
    }

    private static void Report(List<(string Mode, Figures Small, Figures Large)> results, int requests, int warmup)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Report page (/scans/{{id}}/report), PostgreSQL, in-process host, {requests} requests per scan after {warmup} warm-up, alternating:");
        Console.WriteLine($"{"mode",-48} {"10 resp. median (p90)",24} {"2,000 resp. median (p90)",26} {"ratio",7}");
        foreach (var (mode, s, l) in results)
        {
            var ratio = l.Median / s.Median;
            Console.WriteLine(string.Create(culture, $"{mode,-48} {$"{s.Median:0.00} ms ({s.P90:0.00})",24} {$"{l.Median:0.00} ms ({l.P90:0.00})",26} {ratio,7:0.00}"));
        }

        Console.WriteLine();
        foreach (var (mode, s, l) in results)
        {
            var ratio = l.Median / s.Median;
            // Without the cache the report must stay within 2× (issue 9); as configured within 3× (the issue before it).
            var target = mode.StartsWith("cache off", StringComparison.Ordinal) ? 2 : 3;
            Console.WriteLine(string.Create(culture, $"Target 2,000 ≤ {target} × 10 respondents, {mode}: ratio {ratio:0.00} → {(ratio <= target ? "met" : "NOT met")}"));
        }
    }

    /// <summary>Where a recomputed report's time goes for the 2,000-respondent scan: reading the rows, parsing, aggregating.</summary>
    private static async Task ProfileAsync(string connectionString, Scenario scenario)
    {
        await using var app = new App(connectionString, cache: false);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuickscanDbContext>();
        var questionnaire = QuestionnaireJson.Load(await db.QuestionnaireVersions.OrderBy(v => v.Id).Select(v => v.DefinitionJson).FirstAsync());
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            var rows = await db.Respondents.AsNoTracking().Where(r => r.ScanId == scenario.Large && r.SubmittedAt != null && r.Score != null)
                .Select(r => new { r.Score!.RoleGroup, r.Score.ScoresJson }).ToListAsync();
            var read = watch.Elapsed.TotalMilliseconds;
            var sheets = rows.Select(r => ScoreSheetJson.Read(r.ScoresJson, r.RoleGroup)).ToList();
            var parsed = watch.Elapsed.TotalMilliseconds;
            ScanAggregation.Aggregate(questionnaire, sheets);
            var aggregated = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"profile {rows.Count} rows: read {read:0.0} ms, parse {parsed - read:0.0} ms, aggregate {aggregated - parsed:0.0} ms"));
        }
    }

    private static string FindWebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Quickscan.Web");
            if (File.Exists(Path.Combine(candidate, "Quickscan.Web.csproj")))
                return candidate;
        }

        throw new InvalidOperationException("src/Quickscan.Web not found above " + AppContext.BaseDirectory);
    }

    internal static int ArgOr(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    internal static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
