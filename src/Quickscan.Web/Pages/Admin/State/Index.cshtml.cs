using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.State;

/// <summary>
/// The state of internal communities across organisations, from all closed scans; below it, and never mixed in, the
/// public self-scans as a population of their own (what prospects say about themselves). Exportable as CSV.
/// </summary>
public sealed class IndexModel(StateQuery query, StampedCache cache, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int Levels = QuestionnaireValidator.LevelCount;

    public IReadOnlyList<StateGroup> Groups { get; private set; } = [];

    /// <summary>The self-scans, grouped by the same rules (and the same minimum group) as the quickscans.</summary>
    public IReadOnlyList<StateGroup> SelfScanGroups { get; private set; } = [];

    /// <summary>All self-scans together: its Figures are null while there are fewer than the minimum.</summary>
    public StateGroup AllSelfScans => SelfScanGroups.Single(g => g.Dimension == "all");

    /// <summary>The figures' stamp: the rendered groups are kept under it (and the language), so they are never older than the figures.</summary>
    public string Stamp { get; private set; } = "";

    /// <summary>Whether rendered groups are kept in memory: off with the report cache (Quickscan:ReportCache=false).</summary>
    public bool KeepRendered => cache.Enabled;

    public async Task OnGetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var state = await query.StateAsync(HttpContext.RequestAborted);
        Groups = state.Groups;
        SelfScanGroups = state.SelfScanGroups;
        Stamp = state.Stamp;
    }

    /// <summary>The same figures as a CSV file; hidden groups are listed with their count only.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync();
        var culture = CultureInfo.CurrentCulture;
        var separator = culture.TwoLetterISOLanguageName == "nl" ? ";" : ",";
        var csv = new StringBuilder();
        var header = new List<string> { text["State.Dimension"], text["State.Group"], text["State.Organisations"] };
        foreach (var condition in ConditionKeys.All)
        {
            header.Add($"{text[$"Condition.{condition}"]} {text["State.Mean"]}");
            header.AddRange(Enumerable.Range(1, Levels).Select(l => $"{text[$"Condition.{condition}"]} {text["State.LevelN", l]}"));
        }

        header.Add(text["State.Bottleneck"]);
        csv.AppendLine(string.Join(separator, header.Select(Quote)));
        // The self-scans follow as rows of their own, their dimension named as self-scans: never summed with the quickscans.
        foreach (var (group, selfScan) in Groups.Select(g => (g, false)).Concat(SelfScanGroups.Select(g => (g, true))))
        {
            var row = new List<string> { selfScan ? text["State.SelfScanDimension", Label(group, selfScan)] : Label(group), group.Value, group.Organisations.ToString(culture) };
            if (group.Figures is { } figures)
            {
                foreach (var condition in figures.Conditions)
                {
                    row.Add(condition.Mean?.ToString("0.0", culture) ?? "");
                    row.AddRange(condition.LevelDistribution.Select(n => n.ToString(culture)));
                }

                row.Add(figures.Bottlenecks.Count > 0 ? text[$"Condition.{figures.Bottlenecks[0].Condition}"] : "");
            }
            else
            {
                row.Add(selfScan ? text["State.SelfScanTooSmall"] : text["State.TooSmall"]);
            }

            csv.AppendLine(string.Join(separator, row.Select(Quote)));
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv", "quickscan-state-of-affairs.csv");
    }

    public string Label(StateGroup group, bool selfScans = false) => group.Dimension switch
    {
        "all" => selfScans ? text["State.AllSelfScans"] : text["State.All"],
        "sector" => text["State.BySector"],
        "size" => text["State.BySize"],
        _ => text["State.ByYear"],
    };

    public string Value(StateGroup group, bool selfScans = false) => group.Dimension switch
    {
        "all" => selfScans ? text["State.AllSelfScans"] : text["State.AllOrganisations"],
        "sector" => text[$"Sector.{group.Value}"],
        "size" => text["Clients.Employees", group.Value],
        _ => group.Value,
    };

    private static string Quote(string value) =>
        "\"" + (value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value).Replace("\"", "\"\"") + "\"";
}

/// <summary>One population's groups on the page: the quickscans', or the self-scans' in a section of their own.</summary>
public sealed record StateGroupsView(IndexModel Page, IReadOnlyList<StateGroup> Groups, bool SelfScans);
