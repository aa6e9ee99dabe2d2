using System.Text;

namespace Quickscan.LoadTests;

/// <summary>The workshop run on its own (--workshop PHONES): the figures as a Markdown table, the exit code from its targets.</summary>
public static class WorkshopRun
{
    public static async Task<int> RunAsync(LoadOptions options, Errors errors, TextWriter log)
    {
        WorkshopResult result;
        try
        {
            log.WriteLine($"Target {options.BaseUrl} (share token ***), {Environment.ProcessorCount} cores");
            result = await new Workshop(options, errors, log).RunAsync();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: the workshop run failed: {e.GetType().Name}: {Browser.Mask(e.Message)}");
            return 3;
        }

        var report = new StringBuilder();
        report.AppendLine($"Workshop: {result.Phones} phones arriving over {options.WorkshopArrivals.TotalSeconds:0} s, each a step a minute and a background save of one answer every 10 s, "
            + $"{result.Duration.TotalSeconds:0} s in all; {result.Started} phones started; {Environment.ProcessorCount} cores shared by the load tool, the app and PostgreSQL");
        report.AppendLine();
        report.AppendLine("| requests | count | p50 ms | p99 ms | errors |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var f in new[] { result.Start, result.Step, result.Save, result.All })
            report.AppendLine($"| {f.Name} | {f.Count} | {f.Percentile(50):0.0} | {f.Percentile(99):0.0} | {f.Errors} |");
        report.AppendLine();
        var met = result.All.Percentile(99) < options.WorkshopP99Target && result.Errors == 0 && result.SavesLost == 0 && result.SavesChecked > 0;
        report.AppendLine($"Target: every request p99 < {options.WorkshopP99Target:0} ms, no errors, no acknowledged answer lost ({result.SavesLost} lost of {result.SavesChecked} checked): {(met ? "met" : "MISSED")}");
        foreach (var line in errors.Describe())
            report.AppendLine("  " + Browser.Mask(line));
        log.WriteLine();
        log.Write(report);
        if (options.Report is { } file)
            await File.WriteAllTextAsync(file, report.ToString());
        return met ? 0 : 1;
    }
}
