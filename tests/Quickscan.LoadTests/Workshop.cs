using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.LoadTests;

/// <summary>One kind of request in the workshop, with its latencies.</summary>
public sealed record WorkshopFigure(string Name, double[] SortedMs, long Errors)
{
    public int Count => SortedMs.Length;

    public double Percentile(double p) => SortedMs.Length == 0 ? double.NaN : SortedMs[Math.Clamp((int)Math.Ceiling(p / 100 * SortedMs.Length) - 1, 0, SortedMs.Length - 1)];
}

public sealed record WorkshopResult(int Phones, int Started, TimeSpan Duration, WorkshopFigure Start, WorkshopFigure Step, WorkshopFigure Save, WorkshopFigure All, int SavesChecked, int SavesLost)
{
    public long Errors => Start.Errors + Step.Errors + Save.Errors;
}

/// <summary>
/// A workshop: many phones answering at a human pace. Arrivals are spread over the arrival window; each phone
/// starts, fills in its profile, then reads and answers a step every <see cref="StepEvery"/> and makes a
/// background save of one changed answer every <see cref="SaveEvery"/>, until the run ends. Every request's
/// latency is kept; afterwards each phone's last acknowledged background save must be in PostgreSQL.
/// </summary>
public sealed class Workshop(LoadOptions options, Errors errors, TextWriter log)
{
    private static readonly TimeSpan StepEvery = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentBag<double> _start = [], _step = [], _save = [];
    private readonly Counter _startErrors = new(), _stepErrors = new(), _saveErrors = new();

    private sealed class Counter
    {
        public long Value;
    }

    public async Task<WorkshopResult> RunAsync()
    {
        var phones = options.WorkshopPhones;
        var arrivals = options.WorkshopArrivals;
        var duration = options.Duration;
        log.WriteLine($"Workshop: {phones} phones arriving over {arrivals.TotalSeconds:0} s, a step every {StepEvery.TotalSeconds:0} s and a background save every {SaveEvery.TotalSeconds:0} s, {duration.TotalSeconds:0} s in all");
        var browsers = Enumerable.Range(0, phones).Select(_ => new Browser(options.BaseUrl, options.ShareToken, options.RequestTimeout)).ToArray();
        var acknowledged = new Dictionary<string, string>?[phones];
        var started = 0;
        using var end = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        try
        {
            var tasks = browsers.Select((browser, i) => Task.Run(async () =>
            {
                // Spread the arrivals evenly over the window, with a little jitter.
                var arrival = TimeSpan.FromMilliseconds(arrivals.TotalMilliseconds * i / phones + Random.Shared.Next(0, 200));
                try
                {
                    await Task.Delay(arrival, end.Token);
                    if (!await TimedAsync(_start, () => StartAsync(browser, i, end.Token), _startErrors))
                        return;
                    Interlocked.Increment(ref started);
                    await AnswerAsync(browser, i, acknowledged, end.Token);
                }
                catch (OperationCanceledException) when (end.IsCancellationRequested)
                {
                }
            })).ToArray();
            await Task.WhenAll(tasks);
            var elapsed = clock.Elapsed;

            var hashes = browsers.Select(b => b.ResumeTokenHash).Where(h => h is not null).Select(h => h!).ToArray();
            using var verify = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stored = await StoredRespondents.LoadAsync(options.Postgres, hashes, verify.Token);
            int checkedAnswers = 0, lost = 0;
            for (var p = 0; p < phones; p++)
            {
                if (acknowledged[p] is not { } answers || browsers[p].ResumeTokenHash is not { } hash)
                    continue;
                checkedAnswers += answers.Count;
                lost += StoredRespondents.Lost(answers, stored.GetValueOrDefault(hash));
            }

            WorkshopFigure Figure(string name, ConcurrentBag<double> values, long count) => new(name, values.Order().ToArray(), count);
            var all = _start.Concat(_step).Concat(_save).ToList();
            var result = new WorkshopResult(phones, started, elapsed,
                Figure("start (intro, start, profile)", _start, _startErrors.Value), Figure("step (read and answer)", _step, _stepErrors.Value),
                Figure("background save (1 answer)", _save, _saveErrors.Value), new WorkshopFigure("every request", all.Order().ToArray(), _startErrors.Value + _stepErrors.Value + _saveErrors.Value),
                checkedAnswers, lost);
            foreach (var figure in new[] { result.Start, result.Step, result.Save, result.All })
                log.WriteLine($"  {figure.Name,-30} {figure.Count,7} requests, p50 {figure.Percentile(50):0.0} ms, p99 {figure.Percentile(99):0.0} ms, errors {figure.Errors}");
            return result;
        }
        finally
        {
            foreach (var browser in browsers)
                browser.Dispose();
        }
    }

    private static async Task StartAsync(Browser b, int index, CancellationToken cancellationToken)
    {
        await b.GetPageAsync(b.Url(), cancellationToken);
        await b.PostExpectingRedirectAsync(b.Url(), [], "/profile", cancellationToken);
        await b.GetPageAsync(b.Url("/profile"), cancellationToken);
        await b.PostExpectingRedirectAsync(b.Url("/profile"), [new("Input.RoleGroup", ""), new("Input.Department", "")], "/continue", cancellationToken);
    }

    /// <summary>Steps one after another (a minute each) with a background save every ten seconds in between.</summary>
    private async Task AnswerAsync(Browser b, int index, Dictionary<string, string>?[] acknowledged, CancellationToken cancellationToken)
    {
        var steps = Answers.Steps.Steps;
        var round = index;
        for (var s = 0; !cancellationToken.IsCancellationRequested; s = (s + 1) % steps.Count)
        {
            var step = steps[s];
            var next = s + 1 < steps.Count ? $"/q/{steps[s + 1].Key}" : "/review";
            var answers = Answers.For(step, index + s);
            if (!await TimedAsync(_step, () => b.GetPageAsync(b.Url($"/q/{step.Key}"), cancellationToken), _stepErrors))
                return;
            var saves = (int)(StepEvery / SaveEvery) - 1;
            for (var k = 0; k < saves; k++)
            {
                await Task.Delay(SaveEvery, cancellationToken);
                var change = Answers.Autosave(step, 1, round++);
                if (change.Count == 0)
                    continue;
                // While a write is in flight its outcome is unknown (the run may end mid-request): check nothing then.
                var before = acknowledged[index];
                acknowledged[index] = null;
                var ok = await TimedAsync(_save, async () =>
                {
                    using var response = await b.PostFormAsync(b.Url($"/q/{step.Key}?handler=Autosave"), Answers.Fields(step.Key, change, move: null), cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK)
                        throw new UnexpectedResponseException("POST autosave", response.StatusCode);
                }, _saveErrors);
                acknowledged[index] = ok ? change : before;
            }

            await Task.Delay(SaveEvery, cancellationToken);
            // The page change posts the whole step; from then on those answers are what must be stored.
            acknowledged[index] = null;
            if (!await TimedAsync(_step, () => b.PostExpectingRedirectAsync(b.Url($"/q/{step.Key}"), Answers.Fields(step.Key, answers, "next"), next, cancellationToken), _stepErrors))
                return;
            acknowledged[index] = answers.Where(a => step.Questions.Any(q => q.Key == a.Key && q.IsScored())).ToDictionary();
            if (s + 1 == steps.Count)
                return; // the last step leads to the review: this phone is done answering
        }
    }

    /// <summary>Times one request; an error (not the end of the run) is counted and stops that phone.</summary>
    private async Task<bool> TimedAsync(ConcurrentBag<double> into, Func<Task> request, Counter errorCount)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await request();
            into.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref errorCount.Value);
            errors.Add("workshop", e);
            return false;
        }
    }
}

