using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Admin.State;
using Quickscan.Web.Pages.Shared;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>The instant result of a self-scan, found by the secret in its link; the way to a contact request.</summary>
public sealed class ResultModel(SelfScans selfScans, StateQuery quickscans, SelfScanPopulation population, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public SelfScanResultView View { get; private set; } = null!;

    public RadarChart Chart { get; private set; } = null!;

    public Language Language => Localization.CurrentLanguage;

    public async Task<IActionResult> OnGetAsync()
    {
        var selfScan = await selfScans.FindAsync(Token, HttpContext.RequestAborted);
        if (selfScan is null)
            return NotFound();
        View = SelfScanResultView.Build(selfScan, await quickscans.LoadAsync(), await population.LoadAsync(except: selfScan.Id, HttpContext.RequestAborted));
        var questionnaire = View.Questionnaire;
        var series = new List<RadarSeries> { new(text["SelfScan.You"], View.Result.Conditions.Select(c => (double?)c.Score).ToList(), "series-own") };
        if (View.Comparisons.FirstOrDefault(c => c.Population == "quickscan" && c.Group is null) is { Means: { } means })
            series.Add(new RadarSeries(text["SelfScan.QuickscanMean"], questionnaire.Conditions.Select(c => means.GetValueOrDefault(c.Key)).ToList(), "series-benchmark"));
        Chart = new RadarChart(text["SelfScan.ChartTitle"], questionnaire.Conditions.Select(c => c.Name[Language]).ToList(), series);
        return Page();
    }

    public string ComparisonName(Comparison comparison) => (comparison.Population, comparison.Group) switch
    {
        // Also named below five (as "no comparison yet"), so 0 and 1 organisation read right too.
        ("quickscan", null) => text.Plural("SelfScan.CompareQuickscans", comparison.Organisations),
        ("quickscan", var sector) => text.Plural("SelfScan.CompareQuickscansSector", comparison.Organisations, text[$"Sector.{sector}"].Value),
        (_, null) => text["SelfScan.CompareSelfScans", comparison.Organisations],
        (_, var sector) => text["SelfScan.CompareSelfScansSector", text[$"Sector.{sector}"], comparison.Organisations],
    };
}
