using System.Diagnostics;
using System.Text.RegularExpressions;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.LoadTests;

public sealed record JourneyResult(
    int Respondents,
    int Completed,
    TimeSpan Elapsed,
    long Requests,
    long Errors,
    int AnswersAcknowledged,
    int AnswersLost,
    int ProfilesLost,
    int NotSubmitted,
    int MissingScores,
    double[] RequestLatenciesMs,
    double[] JourneySeconds)
{
    /// <summary>Every request's latency by kind (intro, start, profile, step, save, review, submit, result), sorted: where the tail is.</summary>
    public IReadOnlyDictionary<string, double[]> LatenciesByKind { get; init; } = new Dictionary<string, double[]>();

    /// <summary>"step p50/p99 12/340, save …": the kinds in the order of the journey.</summary>
    public string DescribeKinds() => string.Join(", ", LatenciesByKind.Select(k => $"{k.Key} {Percentile(k.Value, 50):0}/{Percentile(k.Value, 99):0}"));

    public int Lost => AnswersLost + ProfilesLost;

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// Many respondents start at the same moment and each completes a full scan as a browser would (following
/// every redirect): intro, start, profile, every step (one factor, at most three questions), review, submit, result. Every answer that
/// the app acknowledged (the redirect to the next page) must then be in PostgreSQL with that value, and every
/// respondent must be submitted with a score row.
/// </summary>
public sealed partial class Journey(LoadOptions options, Errors errors, TextWriter log)
{
    private const string Phase = "journey";

    private sealed class Respondent(Browser browser)
    {
        public Browser Browser { get; } = browser;
        public Dictionary<string, string> Acknowledged { get; } = new(StringComparer.Ordinal);
        public (string Role, string Department)? Profile { get; set; }
        public bool Completed { get; set; }
        public List<double> LatenciesMs { get; } = new(16);
        public List<string> Kinds { get; } = new(16);
        public double Seconds { get; set; }
    }

    public async Task<JourneyResult> RunAsync()
    {
        var respondents = Enumerable.Range(0, options.Respondents)
            .Select(i => new Respondent(new Browser(options.BaseUrl, options.ShareToken, options.RequestTimeout,
                options.ClientPrefix is { } prefix ? prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null))).ToArray();
        try
        {
            log.WriteLine($"Journey: {respondents.Length} respondents start a full scan at once (time limit {options.JourneyTimeout.TotalSeconds:0} s)");
            using var limit = new CancellationTokenSource(options.JourneyTimeout);
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = respondents.Select((r, i) => Task.Run(async () =>
            {
                await go.Task;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await CompleteScanAsync(r, i, limit.Token);
                    r.Completed = true;
                }
                catch (Exception e)
                {
                    errors.Add(Phase, e);
                }

                r.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            })).ToArray();

            var clock = Stopwatch.StartNew();
            go.SetResult();
            await Task.WhenAll(tasks);
            clock.Stop();
            log.WriteLine($"  done in {clock.Elapsed.TotalSeconds:0.0} s; {respondents.Count(r => r.Completed)} of {respondents.Length} completed");

            // Check against the database: what was acknowledged is stored, everyone is submitted and scored.
            var hashes = respondents.Select(r => r.Browser.ResumeTokenHash).OfType<string>().ToArray();
            using var verify = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stored = await StoredRespondents.LoadAsync(options.Postgres, hashes, verify.Token);
            int acknowledged = 0, lostAnswers = 0, lostProfiles = 0, notSubmitted = 0, missingScores = 0;
            foreach (var r in respondents)
            {
                var row = r.Browser.ResumeTokenHash is { } hash ? stored.GetValueOrDefault(hash) : null;
                acknowledged += r.Acknowledged.Count;
                lostAnswers += StoredRespondents.Lost(r.Acknowledged, row);
                if (r.Profile is { } profile && (row is null || row.RoleGroup != profile.Role || row.Department != profile.Department))
                    lostProfiles++;
                if (row is not { IsSubmitted: true })
                    notSubmitted++;
                else if (!row.HasScore)
                    missingScores++;
            }

            if (options.Acknowledged is { } file)
            {
                await File.WriteAllLinesAsync(file, respondents
                    .Where(r => r.Browser.ResumeTokenHash is not null)
                    .SelectMany(r => r.Acknowledged.Select(a => $"{r.Browser.ResumeTokenHash}\t{a.Key}\t{a.Value.Trim()}")));
            }

            return new JourneyResult(
                respondents.Length,
                respondents.Count(r => r.Completed),
                clock.Elapsed,
                respondents.Sum(r => r.LatenciesMs.Count) + errors.Count(Phase),
                errors.Count(Phase),
                acknowledged,
                lostAnswers,
                lostProfiles,
                notSubmitted,
                missingScores,
                respondents.SelectMany(r => r.LatenciesMs).Order().ToArray(),
                respondents.Select(r => r.Seconds).Order().ToArray())
            {
                LatenciesByKind = respondents.SelectMany(r => r.Kinds.Zip(r.LatenciesMs))
                    .GroupBy(x => x.First, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(x => x.Second).Order().ToArray(), StringComparer.Ordinal),
            };
        }
        finally
        {
            foreach (var r in respondents)
                r.Browser.Dispose();
        }
    }

    private static async Task CompleteScanAsync(Respondent r, int index, CancellationToken cancellationToken)
    {
        var b = r.Browser;
        await Timed(r, "intro", () => b.GetPageAsync(b.Url(), cancellationToken));
        await Timed(r, "start", () => b.PostExpectingRedirectAsync(b.Url(), [], "/profile", cancellationToken));

        var profilePage = await Timed(r, "profile", () => b.GetPageAsync(b.Url("/profile"), cancellationToken));
        var roles = RoleOption().Matches(profilePage).Select(m => m.Groups[1].Value).Where(v => v.Length > 0).ToArray();
        if (roles.Length == 0)
            throw new InvalidOperationException("The profile page offers no role groups.");
        var profile = (Role: roles[index % roles.Length], Department: $"Afdeling {index % 7}");
        await Timed(r, "profile-save", () => b.PostExpectingRedirectAsync(b.Url("/profile"),
            [new("Input.RoleGroup", profile.Role), new("Input.Department", profile.Department)], "/continue", cancellationToken));
        r.Profile = profile;

        foreach (var step in Answers.Steps.Steps)
        {
            var next = Answers.Steps.Next(step) is { } following ? $"/q/{following.Key}" : "/review";
            var answers = Answers.For(step, index + step.Number);
            await Timed(r, "step", () => b.GetPageAsync(b.Url($"/q/{step.Key}"), cancellationToken));
            await Timed(r, "save", () => b.PostExpectingRedirectAsync(b.Url($"/q/{step.Key}"), Answers.Fields(step.Key, answers, "next"), next, cancellationToken));
            foreach (var (key, value) in answers)
                r.Acknowledged[key] = value;
        }

        await Timed(r, "review", () => b.GetPageAsync(b.Url("/review"), cancellationToken));
        await Timed(r, "submit", () => b.PostExpectingRedirectAsync(b.Url("/review"), [], "/result", cancellationToken));
        await Timed(r, "result", () => b.GetPageAsync(b.Url("/result"), cancellationToken));
    }

    private static async Task Timed(Respondent r, string kind, Func<Task> request)
    {
        var started = Stopwatch.GetTimestamp();
        await request();
        r.LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        r.Kinds.Add(kind);
    }

    private static async Task<T> Timed<T>(Respondent r, string kind, Func<Task<T>> request)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await request();
        r.LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        r.Kinds.Add(kind);
        return result;
    }

    [GeneratedRegex(@"name=""Input\.RoleGroup"" value=""([^""]*)""")]
    private static partial Regex RoleOption();
}
