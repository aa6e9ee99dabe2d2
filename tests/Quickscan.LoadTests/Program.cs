using System.Globalization;
using System.Text;
using Quickscan.LoadTests;

// The load test against a running Quickscan on this machine (scripts/load.sh starts everything and runs this).
// Exit codes: 0 all targets met, 1 a target missed, 2 wrong usage, 3 the run itself failed (setup, database).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

// Enough thread-pool threads from the start, so the ramp-up of hundreds of concurrent requests isn't throttled.
ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
ThreadPool.SetMinThreads(Math.Max(workerThreads, 64), Math.Max(ioThreads, 64));

var log = Console.Out;
var errors = new Errors();
if (options.WorkshopPhones > 0)
    return await WorkshopRun.RunAsync(options, errors, log);
if (options.JourneyOnly)
    return await JourneyOnly(options, errors, log);
ThroughputResult throughput;
JourneyResult journey;
try
{
    log.WriteLine($"Target {options.BaseUrl} (share token ***), {Environment.ProcessorCount} cores");
    // The respondents first: the burst of a scan going out, on a fresh app, which also warms up the code
    // paths that the throughput phase measures (a fresh .NET app takes a minute of load to reach full speed).
    journey = await new Journey(options, errors, log).RunAsync();
    throughput = await new Throughput(options, errors, log).RunAsync();
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: the load run failed: {e.GetType().Name}: {Browser.Mask(e.Message)}");
    foreach (var line in errors.Describe())
        Console.Error.WriteLine("  " + Browser.Mask(line));
    return 3;
}

var checks = new List<(string Check, string Target, string Measured, bool Met)>
{
    ("question step / health/live", $"≥ {options.PageRatioTarget:0.###}", $"{throughput.PageRatio:0.0000}", throughput.PageRatio >= options.PageRatioTarget),
    ("answer save / health/live", $"≥ {options.SaveRatioTarget:0.###}", $"{throughput.SaveRatio:0.0000}", throughput.SaveRatio >= options.SaveRatioTarget),
    ("throughput errors (live, page, save)", "0", $"{throughput.Live.Errors}, {throughput.Page.Errors}, {throughput.Save.Errors}",
        throughput.Live.Errors + throughput.Page.Errors + throughput.Save.Errors == 0),
    ("background saves lost", "0", $"{throughput.SaveLost} of {throughput.SaveChecked} checked", throughput.SaveLost == 0 && throughput.SaveChecked > 0),
    ($"{journey.Respondents} respondents: errors", "0", $"{journey.Errors}", journey.Errors == 0),
    ($"{journey.Respondents} respondents: lost answers", "0", $"{journey.AnswersLost} of {journey.AnswersAcknowledged} acknowledged (profiles lost: {journey.ProfilesLost})",
        journey.Lost == 0 && journey.AnswersAcknowledged > 0),
    ($"{journey.Respondents} respondents: request p99", $"< {options.JourneyP99Target:0} ms", $"{JourneyResult.Percentile(journey.RequestLatenciesMs, 99):0} ms",
        JourneyResult.Percentile(journey.RequestLatenciesMs, 99) < options.JourneyP99Target),
    ($"{journey.Respondents} respondents: submitted with a score", $"{journey.Respondents}",
        $"{journey.Respondents - journey.NotSubmitted - journey.MissingScores} (not submitted {journey.NotSubmitted}, no score row {journey.MissingScores})",
        journey.NotSubmitted == 0 && journey.MissingScores == 0),
};

var report = new StringBuilder();
var cpuKnown = !double.IsNaN(throughput.Live.Cpu.App);
report.AppendLine($"Throughput (after the respondents): {options.Workers} workers, {options.Warmup.TotalSeconds:0.#} s warm-up, then {options.Duration.TotalSeconds:0.#} s per endpoint "
    + $"in {options.Rounds} interleaved rounds; {Environment.ProcessorCount} cores shared by the load tool, the app, PostgreSQL and anything else running");
report.AppendLine();
report.AppendLine("| endpoint | req/s | ratio to /health/live | p50 ms | p99 ms | errors | CPU ms/req: app | PostgreSQL | load tool | CPU-cost ratio | others' CPU |");
report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var e in new[] { throughput.Live, throughput.Page, throughput.Save })
{
    var cpu = e.CpuPerRequest;
    report.AppendLine($"| {e.Name} | {e.PerSecond:0} | {e.PerSecond / throughput.Live.PerSecond:0.0000} | {e.Percentile(50):0.0} | {e.Percentile(99):0.0} | {e.Errors} "
        + (cpuKnown
            ? $"| {cpu.App:0.000} | {cpu.Postgres:0.000} | {cpu.Tool:0.000} | {throughput.Live.CpuPerRequestTotal / e.CpuPerRequestTotal:0.0000} | {e.Cpu.OthersShare:P0} |"
            : $"| – | – | {cpu.Tool:0.000} | – | – |"));
}

if (cpuKnown)
{
    report.AppendLine();
    report.AppendLine("CPU-cost ratio: CPU per /health/live request ÷ CPU per request of the endpoint (app + PostgreSQL + load tool), the throughput "
        + "ratio to expect if every endpoint had the machine to itself; a diagnostic, the targets are on the measured throughput ratio.");
}

var busiest = new[] { throughput.Live, throughput.Page, throughput.Save }.Max(e => e.Cpu.OthersShare);
if (cpuKnown && busiest > 0.25)
{
    report.AppendLine();
    report.AppendLine($"Note: other processes used up to {busiest:P0} of the machine while this ran, so the ratios are less reliable "
        + "than usual; CPU ms per request is the steadier figure. Run again when the machine is quieter before drawing conclusions.");
}

report.AppendLine();
report.AppendLine($"Respondents: {journey.Respondents} at once, each intro → start → profile → {Answers.Steps.Steps.Count} steps → review → submit → result ({journey.Requests} requests)");
report.AppendLine();
report.AppendLine("| total time | completed | errors | answers acknowledged | lost answers | request p50 / p99 / max ms | scan p50 / max s |");
report.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
report.AppendLine($"| {journey.Elapsed.TotalSeconds:0.0} s | {journey.Completed} | {journey.Errors} | {journey.AnswersAcknowledged} | {journey.Lost} "
    + $"| {JourneyResult.Percentile(journey.RequestLatenciesMs, 50):0} / {JourneyResult.Percentile(journey.RequestLatenciesMs, 99):0} / {JourneyResult.Percentile(journey.RequestLatenciesMs, 100):0} "
    + $"| {JourneyResult.Percentile(journey.JourneySeconds, 50):0.0} / {JourneyResult.Percentile(journey.JourneySeconds, 100):0.0} |");
report.AppendLine();
report.AppendLine($"Request p50/p99 ms by kind: {journey.DescribeKinds()}");
report.AppendLine();
report.AppendLine("| target | wanted | measured | |");
report.AppendLine("| --- | --- | --- | --- |");
foreach (var c in checks)
    report.AppendLine($"| {c.Check} | {c.Target} | {c.Measured} | {(c.Met ? "met" : "MISSED")} |");
if (errors.Total > 0)
{
    report.AppendLine();
    report.AppendLine("Errors:");
    foreach (var line in errors.Describe())
        report.AppendLine("- " + Browser.Mask(line));
}

if (options.Report is { } path)
{
    await File.WriteAllTextAsync(path, report.ToString());
}
else
{
    log.WriteLine();
    log.Write(report);
}

var missed = checks.Where(c => !c.Met).ToList();
log.WriteLine(missed.Count == 0 ? "All targets met." : $"{missed.Count} target(s) missed: {string.Join("; ", missed.Select(c => c.Check))}");
return missed.Count == 0 ? 0 : 1;

// Only the respondents (scripts/scaleout.sh, through a proxy): one line of figures, then the errors.
// Exit code 0 when every respondent completed with every acknowledged answer stored, 1 otherwise, 3 when the run failed.
static async Task<int> JourneyOnly(LoadOptions options, Errors errors, TextWriter log)
{
    JourneyResult journey;
    try
    {
        journey = await new Journey(options, errors, log).RunAsync();
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"error: the run failed: {e.GetType().Name}: {Browser.Mask(e.Message)}");
        return 3;
    }

    log.WriteLine($"respondents={journey.Respondents} completed={journey.Completed} requests={journey.Requests} errors={journey.Errors} "
        + $"acknowledged={journey.AnswersAcknowledged} lost={journey.AnswersLost} profiles_lost={journey.ProfilesLost} "
        + $"not_submitted={journey.NotSubmitted} no_score={journey.MissingScores} seconds={journey.Elapsed.TotalSeconds:0.0} "
        + $"p50_ms={JourneyResult.Percentile(journey.RequestLatenciesMs, 50):0} p99_ms={JourneyResult.Percentile(journey.RequestLatenciesMs, 99):0} "
        + $"max_ms={JourneyResult.Percentile(journey.RequestLatenciesMs, 100):0}");
    log.WriteLine($"by kind (p50/p99 ms): {journey.DescribeKinds()}");
    foreach (var line in errors.Describe())
        log.WriteLine("  " + Browser.Mask(line));
    return journey.Errors == 0 && journey.Lost == 0 && journey.NotSubmitted == 0 && journey.MissingScores == 0 && journey.AnswersAcknowledged > 0 ? 0 : 1;
}
