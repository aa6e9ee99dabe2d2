using System.Globalization;
using System.Net;
using Npgsql;

namespace Quickscan.LoadTests;

/// <summary>
/// What a run needs, from arguments (--name value) or the environment (QS_LOAD_NAME). Only addresses on
/// this machine are accepted: the app and PostgreSQL must be on the loopback interface.
/// </summary>
public sealed record LoadOptions
{
    public required Uri BaseUrl { get; init; }
    public required string ShareToken { get; init; }
    public required string Postgres { get; init; }

    /// <summary>Concurrent workers in the throughput phase, each with its own respondent and cookies.</summary>
    public int Workers { get; init; } = 32;

    /// <summary>Throughput warm-up, in all: the three endpoints in turn, a second each.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The measured time of each endpoint is split into this many slices, taken in turn (live, page, save,
    /// live, …), so that load from other processes on a shared machine falls on all endpoints alike.
    /// </summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Optional: the app's and the PostgreSQL postmaster's process ids, for CPU time per request.</summary>
    public int? AppPid { get; init; }
    public int? PostgresPid { get; init; }

    /// <summary>Respondents that start a full scan at the same moment.</summary>
    public int Respondents { get; init; } = 200;

    /// <summary>The longest the respondent phase may take; whatever is unfinished then counts as an error.</summary>
    public TimeSpan JourneyTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public double PageRatioTarget { get; init; } = 0.05;
    public double SaveRatioTarget { get; init; } = 0.04;

    /// <summary>The respondents at once: the p99 of all their requests, in milliseconds (issue 10: under 1 s).</summary>
    public double JourneyP99Target { get; init; } = 1000;

    /// <summary>When set: run the workshop (this many phones at a human pace, for --duration seconds) instead of the other phases.</summary>
    public int WorkshopPhones { get; init; }

    /// <summary>The workshop's phones arrive spread over this time.</summary>
    public TimeSpan WorkshopArrivals { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The workshop's target: the p99 of every request, in milliseconds.</summary>
    public double WorkshopP99Target { get; init; } = 200;

    /// <summary>Where to write the summary as a Markdown table (optional).</summary>
    public string? Report { get; init; }

    /// <summary>Only the respondents (no throughput phase): scripts/scaleout.sh drives them through a proxy.</summary>
    public bool JourneyOnly { get; init; }

    /// <summary>
    /// Optional: every respondent's requests carry the header X-Load-Client with this prefix and its number
    /// ("r17"), so a proxy's access log can tell respondents apart.
    /// </summary>
    public string? ClientPrefix { get; init; }

    /// <summary>Optional: a file for every acknowledged answer, one per line: resume-token hash, question key, value (tab-separated), for checking with psql.</summary>
    public string? Acknowledged { get; init; }

    public const string Usage = """
        usage: Quickscan.LoadTests --base-url http://127.0.0.1:PORT --share-token TOKEN --pg "Host=127.0.0.1;..."
                 [--workers 32] [--warmup 15] [--duration 10] [--rounds 10] [--respondents 200] [--journey-timeout 90]
                 [--request-timeout 30] [--page-ratio 0.05] [--save-ratio 0.04] [--journey-p99 1000] [--report FILE]
                 [--app-pid PID] [--pg-pid POSTMASTER_PID]
                 [--workshop PHONES [--arrivals 60] [--workshop-p99 200]]  (the workshop alone, for --duration seconds)
                 [--journey-only true [--client-prefix r] [--acknowledged FILE]]  (only the respondents; scripts/scaleout.sh)
        Every option can also come from the environment: QS_LOAD_BASE_URL, QS_LOAD_SHARE_TOKEN, QS_LOAD_PG,
        QS_LOAD_WORKERS, ... (upper case, dashes as underscores). Durations are in seconds.
        Only loopback hosts (127.0.0.1, localhost, ::1) are accepted, for the app and for PostgreSQL.
        """;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new UsageException($"unexpected argument '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }

        string? Get(string name) =>
            values.TryGetValue(name, out var v) ? v
            : Environment.GetEnvironmentVariable("QS_LOAD_" + name.Replace('-', '_').ToUpperInvariant()) is { Length: > 0 } e ? e
            : null;
        string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required");
        int Int(string name, int fallback) => Get(name) is { } v
            ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new UsageException($"--{name}: a positive whole number")
            : fallback;
        double Number(string name, double fallback) => Get(name) is { } v
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw new UsageException($"--{name}: a number")
            : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => Get(name) is null ? fallback : TimeSpan.FromSeconds(Number(name, 0));

        foreach (var name in values.Keys)
        {
            if (name is not ("base-url" or "share-token" or "pg" or "workers" or "warmup" or "duration" or "rounds" or "respondents" or "app-pid" or "pg-pid"
                or "journey-timeout" or "request-timeout" or "page-ratio" or "save-ratio" or "journey-p99" or "report" or "workshop" or "arrivals" or "workshop-p99"
                or "journey-only" or "client-prefix" or "acknowledged"))
                throw new UsageException($"unknown option --{name}");
        }

        if (!Uri.TryCreate(Required("base-url"), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw new UsageException("--base-url: an absolute http(s) URL");
        if (!IsLoopback(baseUrl.IdnHost))
            throw new UsageException($"--base-url: {baseUrl.Host} is not a loopback host; this tool only loads 127.0.0.1, localhost or ::1");

        var postgres = Required("pg");
        NpgsqlConnectionStringBuilder pg;
        try
        {
            pg = new NpgsqlConnectionStringBuilder(postgres);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--pg: " + e.Message);
        }

        foreach (var host in (pg.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!host.StartsWith('/') && !IsLoopback(host.Split(':')[0]))
                throw new UsageException($"--pg: {host} is not a loopback host (or a Unix socket directory)");
        }

        var token = Required("share-token");
        if (token.Length != 32 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new UsageException("--share-token: 32 URL-safe base64 characters");

        return new LoadOptions
        {
            BaseUrl = new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + "/"),
            ShareToken = token,
            Postgres = postgres,
            Workers = Int("workers", 32),
            Warmup = Seconds("warmup", TimeSpan.FromSeconds(15)),
            Duration = Seconds("duration", TimeSpan.FromSeconds(10)),
            Rounds = Int("rounds", 10),
            AppPid = Get("app-pid") is null ? null : Int("app-pid", 0),
            PostgresPid = Get("pg-pid") is null ? null : Int("pg-pid", 0),
            Respondents = Int("respondents", 200),
            JourneyTimeout = Seconds("journey-timeout", TimeSpan.FromSeconds(90)),
            RequestTimeout = Seconds("request-timeout", TimeSpan.FromSeconds(30)),
            PageRatioTarget = Number("page-ratio", 0.05),
            SaveRatioTarget = Number("save-ratio", 0.04),
            JourneyP99Target = Number("journey-p99", 1000),
            Report = Get("report"),
            WorkshopPhones = Get("workshop") is null ? 0 : Int("workshop", 0),
            WorkshopArrivals = Seconds("arrivals", TimeSpan.FromSeconds(60)),
            WorkshopP99Target = Number("workshop-p99", 200),
            JourneyOnly = Get("journey-only") is { } only && (only == "true" ? true : only == "false" ? false : throw new UsageException("--journey-only: true or false")),
            ClientPrefix = Get("client-prefix") is { } prefix && prefix.All(char.IsAsciiLetterOrDigit) ? prefix
                : Get("client-prefix") is null ? null : throw new UsageException("--client-prefix: letters and digits"),
            Acknowledged = Get("acknowledged"),
        };
    }

    /// <summary>Exactly the loopback names the project allows: 127.0.0.1, localhost and ::1.</summary>
    public static bool IsLoopback(string host)
    {
        host = host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback));
    }
}

public sealed class UsageException(string message) : Exception(message);
