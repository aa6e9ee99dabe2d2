using System.Diagnostics;

namespace Quickscan.LoadTests;

/// <summary>CPU time used, in milliseconds, by the app, PostgreSQL, this tool and the whole machine.</summary>
public readonly record struct CpuSample(double App, double Postgres, double Tool, double Machine, double Wall)
{
    public static CpuSample operator -(CpuSample a, CpuSample b) =>
        new(a.App - b.App, a.Postgres - b.Postgres, a.Tool - b.Tool, a.Machine - b.Machine, a.Wall - b.Wall);

    public static CpuSample operator +(CpuSample a, CpuSample b) =>
        new(a.App + b.App, a.Postgres + b.Postgres, a.Tool + b.Tool, a.Machine + b.Machine, a.Wall + b.Wall);

    /// <summary>CPU used by everything else on the machine, as a share of all cores over the wall time.</summary>
    public double OthersShare => Wall <= 0 ? double.NaN : Math.Max(0, Machine - App - Postgres - Tool) / (Wall * Environment.ProcessorCount);
}

/// <summary>
/// Reads CPU times from /proc (Linux): the app's process, the PostgreSQL postmaster with its children
/// (backends that ended are in the postmaster's children times), this process, and /proc/stat. CPU time per
/// request is much steadier than requests per second on a shared machine, so it helps explain a ratio.
/// Without /proc or without the PIDs, the app and PostgreSQL columns are NaN.
/// </summary>
public sealed class CpuMeter(int? appPid, int? postgresPid)
{
    private const double MsPerTick = 10; // USER_HZ is 100 on Linux.

    public bool Available => appPid is not null && postgresPid is not null && File.Exists("/proc/stat");

    public CpuSample Sample() => new(
        appPid is { } app ? ProcessTicks(app, withChildren: false) * MsPerTick : double.NaN,
        postgresPid is { } pg ? PostgresTicks(pg) * MsPerTick : double.NaN,
        Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
        MachineTicks() * MsPerTick,
        Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency);

    private static double PostgresTicks(int postmaster)
    {
        var total = ProcessTicks(postmaster, withChildren: true);
        try
        {
            foreach (var child in File.ReadAllText($"/proc/{postmaster}/task/{postmaster}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                total += ProcessTicks(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture), withChildren: false) is var t && !double.IsNaN(t) ? t : 0;
        }
        catch (IOException)
        {
            return double.NaN;
        }

        return total;
    }

    /// <summary>utime + stime (and cutime + cstime) from /proc/PID/stat, in clock ticks.</summary>
    private static double ProcessTicks(int pid, bool withChildren)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is the state (field 3); utime is field 14 → index 11.
            var ticks = double.Parse(fields[11]) + double.Parse(fields[12]);
            return withChildren ? ticks + double.Parse(fields[13]) + double.Parse(fields[14]) : ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }

    private static double MachineTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
            return double.Parse(f[1]) + double.Parse(f[2]) + double.Parse(f[3]) + double.Parse(f[6]) + double.Parse(f[7]) + (f.Length > 8 ? double.Parse(f[8]) : 0);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException)
        {
            return double.NaN;
        }
    }
}
