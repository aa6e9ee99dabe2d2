using System.Diagnostics;
using System.Net;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.LoadTests;

/// <summary>Requests per second of one endpoint over its measured slices, after the warm-up.</summary>
public sealed record EndpointResult(string Name, long Requests, long Errors, TimeSpan Window, double[] LatenciesMs, CpuSample Cpu)
{
    public double PerSecond => Requests / Window.TotalSeconds;

    public double Percentile(double p) => JourneyResult.Percentile(LatenciesMs, p);

    /// <summary>CPU milliseconds per successful request: app, PostgreSQL, load tool.</summary>
    public (double App, double Postgres, double Tool) CpuPerRequest =>
        Requests == 0 ? (double.NaN, double.NaN, double.NaN) : (Cpu.App / Requests, Cpu.Postgres / Requests, Cpu.Tool / Requests);

    public double CpuPerRequestTotal => CpuPerRequest is var c ? c.App + c.Postgres + c.Tool : double.NaN;
}

public sealed record ThroughputResult(EndpointResult Live, EndpointResult Page, EndpointResult Save, int SaveChecked, int SaveLost)
{
    public double PageRatio => Page.PerSecond / Live.PerSecond;
    public double SaveRatio => Save.PerSecond / Live.PerSecond;
}

/// <summary>
/// N workers, each with its own started respondent (own cookies, own connection), load one endpoint at a
/// time: /health/live, a question step, the background save of a few answers. After a warm-up (the three in
/// turn, one second each, until the warm-up time is up), each endpoint's measured time is taken in slices,
/// in turn with the others, so that whatever else runs on the machine weighs on all three alike.
/// </summary>
public sealed class Throughput(LoadOptions options, Errors errors, TextWriter log)
{
    // A step with stored answers to show, and a step whose answers the background save changes.
    private static readonly Web.Pages.Respond.Step PageStep = Answers.Steps.Steps[0];
    private const int AnswersPerSave = 2;
    // The first organisation step with enough statements for one save.
    private static readonly Web.Pages.Respond.Step SaveStep = Answers.Steps.Steps.First(s =>
        s.Condition.Key == ConditionKeys.Organisation && s.Questions.Count(q => q.Kind == QuestionKind.Agreement) >= AnswersPerSave);
    private static string PageCondition => PageStep.Key;

    /// <summary>One endpoint: a request (given the worker's browser and number), and what was measured of it.</summary>
    private sealed record Endpoint(string Name, string Phase, Func<Browser, int, Task> Request)
    {
        public List<double> Latencies { get; } = new(1 << 16);
        public long Errors { get; set; }
        public CpuSample Cpu { get; set; }
    }

    public async Task<ThroughputResult> RunAsync()
    {
        var browsers = Enumerable.Range(0, options.Workers).Select(_ => new Browser(options.BaseUrl, options.ShareToken, options.RequestTimeout)).ToArray();
        try
        {
            log.WriteLine($"Throughput: starting {browsers.Length} respondents (each answers '{PageCondition}' once)");
            using (var setup = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
                await Task.WhenAll(browsers.Select((b, i) => PrepareAsync(b, i, setup.Token)));

            var live = new Endpoint("GET /health/live", "live", async (b, _) =>
            {
                using var response = await b.Http.GetAsync("/health/live");
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new UnexpectedResponseException("GET /health/live", response.StatusCode);
            });

            var pageUrl = $"/s/{options.ShareToken}/q/{PageStep.Key}";
            var page = new Endpoint($"GET step ({PageStep.Key})", "page", async (b, _) =>
            {
                using var response = await b.Http.GetAsync(pageUrl);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new UnexpectedResponseException("GET step", response.StatusCode);
            });

            // Per worker, the answers of its last save, if that got 200 (the state the database must have).
            var acknowledged = new Dictionary<string, string>?[browsers.Length];
            var rounds = new long[browsers.Length];
            var saveUrl = $"/s/{options.ShareToken}/q/{SaveStep.Key}?handler=Autosave";
            var expected = $"{{\"saved\":{AnswersPerSave}}}";
            var save = new Endpoint($"POST autosave ({AnswersPerSave} answers)", "save", async (b, worker) =>
            {
                acknowledged[worker] = null;
                var answers = Answers.Autosave(SaveStep, AnswersPerSave, worker + rounds[worker]++);
                using var response = await b.PostFormAsync(saveUrl, Answers.Fields(SaveStep.Key, answers, move: null), CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || body != expected)
                    throw new UnexpectedResponseException($"POST autosave (body '{body}')", response.StatusCode);
                acknowledged[worker] = answers;
            });

            Endpoint[] endpoints = [live, page, save];
            var meter = new CpuMeter(options.AppPid, options.PostgresPid);
            log.WriteLine($"Throughput: {browsers.Length} workers; {options.Warmup.TotalSeconds:0.#} s warm-up (the three in turn), then {options.Duration.TotalSeconds:0.#} s each in {options.Rounds} rounds of live, page, save");
            var warmup = Stopwatch.StartNew();
            while (warmup.Elapsed < options.Warmup)
            {
                foreach (var endpoint in endpoints)
                    await SliceAsync(endpoint, browsers, TimeSpan.FromSeconds(1), measure: false, meter);
            }

            var slice = options.Duration / options.Rounds;
            for (var round = 0; round < options.Rounds; round++)
            {
                var counts = new List<string>();
                foreach (var endpoint in endpoints)
                {
                    var before = endpoint.Latencies.Count;
                    await SliceAsync(endpoint, browsers, slice, measure: true, meter);
                    counts.Add($"{endpoint.Phase} {(endpoint.Latencies.Count - before) / slice.TotalSeconds:0}");
                }

                log.WriteLine($"  round {round + 1}/{options.Rounds}: req/s {string.Join(", ", counts)}");
            }

            var results = endpoints.Select(e => new EndpointResult(e.Name, e.Latencies.Count, e.Errors, options.Duration, e.Latencies.Order().ToArray(), e.Cpu)).ToArray();
            foreach (var r in results)
            {
                var cpu = r.CpuPerRequest;
                log.WriteLine($"  {r.Name,-32} {r.PerSecond,9:0.0} req/s, p50 {r.Percentile(50):0.0} ms, p99 {r.Percentile(99):0.0} ms, errors {r.Errors}"
                    + (meter.Available ? $", CPU ms/request: app {cpu.App:0.00}, PostgreSQL {cpu.Postgres:0.00}, load tool {cpu.Tool:0.00}; others used {r.Cpu.OthersShare:P0} of the machine" : ""));
            }

            // The last background save of every worker must be what is stored.
            var hashes = browsers.Select(b => b.ResumeTokenHash!).ToArray();
            using var verify = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stored = await StoredRespondents.LoadAsync(options.Postgres, hashes, verify.Token);
            int checkedAnswers = 0, lost = 0;
            for (var w = 0; w < browsers.Length; w++)
            {
                if (acknowledged[w] is not { } answers)
                    continue;
                checkedAnswers += answers.Count;
                lost += StoredRespondents.Lost(answers, stored.GetValueOrDefault(hashes[w]));
            }

            return new ThroughputResult(results[0], results[1], results[2], checkedAnswers, lost);
        }
        finally
        {
            foreach (var browser in browsers)
                browser.Dispose();
        }
    }

    /// <summary>Starts a respondent and answers the page condition, so the page shows stored answers.</summary>
    private async Task PrepareAsync(Browser browser, int worker, CancellationToken cancellationToken)
    {
        await browser.GetPageAsync(browser.Url(), cancellationToken);
        await browser.PostExpectingRedirectAsync(browser.Url(), [], "/profile", cancellationToken);
        if (browser.ResumeToken is null)
            throw new InvalidOperationException("Starting gave no resume cookie (qs_resume).");
        await browser.GetPageAsync(browser.Url($"/q/{PageStep.Key}"), cancellationToken);
        var answers = Answers.For(PageStep, worker);
        await browser.PostExpectingRedirectAsync(browser.Url($"/q/{PageStep.Key}"), Answers.Fields(PageStep.Key, answers, "next"), $"/q/{Answers.Steps.Steps[1].Key}", cancellationToken);
        var html = await browser.GetPageAsync(browser.Url($"/q/{SaveStep.Key}"), cancellationToken);
        if (browser.FormToken is null || !html.Contains("?handler=Autosave", StringComparison.Ordinal))
            throw new InvalidOperationException("The step has no form with an anti-forgery token and an autosave URL.");
    }

    /// <summary>
    /// Every worker sends requests back to back for the given time, then finishes the one in flight. Counted:
    /// the successful requests that started in the slice (so the slice's time is what they had); every error.
    /// </summary>
    private async Task SliceAsync(Endpoint endpoint, Browser[] browsers, TimeSpan length, bool measure, CpuMeter meter)
    {
        var frequency = (double)Stopwatch.Frequency;
        var before = meter.Sample();
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * frequency);
        var perWorker = await Task.WhenAll(browsers.Select((browser, worker) => Task.Run(async () =>
        {
            var latencies = new List<double>(1024);
            long failed = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await endpoint.Request(browser, worker);
                    latencies.Add((Stopwatch.GetTimestamp() - started) * 1000 / frequency);
                }
                catch (Exception e)
                {
                    errors.Add(endpoint.Phase, e);
                    failed++;
                }
            }

            return (Latencies: latencies, Failed: failed);
        })));

        endpoint.Errors += perWorker.Sum(w => w.Failed);
        if (!measure)
            return;
        foreach (var (latencies, _) in perWorker)
            endpoint.Latencies.AddRange(latencies);
        endpoint.Cpu += meter.Sample() - before;
    }
}
