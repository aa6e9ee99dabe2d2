using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.SelfScan;

namespace Quickscan.Web.Pages.Leads;

/// <summary>One lead: the request, the attached self-scan, and its steps (assign, status, convert, delete).</summary>
public sealed class DetailsModel(LeadWorkflow leads, SelfScans selfScans, IValidator<LeadInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public LeadInput Input { get; set; } = new();

    public Lead Lead { get; private set; } = null!;

    public string? AssignedTo { get; private set; }

    public StoredSelfScan? SelfScan { get; private set; }

    public IReadOnlyList<Assignee> Assignees { get; private set; } = [];

    public bool CanHandle { get; private set; }

    /// <summary>Set after a step: "assigned" ("notified" when the assignee got an email), "status", or "conflict" when someone else changed the lead first.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync() => StepAsync(LeadInputValidator.Assign, async () =>
    {
        var (outcome, _, notified) = await leads.AssignAsync(Id, Input.ConsultantId!.Value, Input.Version);
        return (outcome, notified ? "notified" : "assigned");
    });

    public Task<IActionResult> OnPostStatusAsync() => StepAsync(LeadInputValidator.SetStatus, async () =>
        (await leads.SetStatusAsync(Id, Input.ParsedStatus!.Value, Input.Version), "status"));

    public async Task<IActionResult> OnPostConvertAsync()
    {
        if (!(await validator.ValidateAsync(Input)).IsValid)
            return BadRequest();
        var (outcome, scanId) = await leads.ConvertAsync(Id, Input.Version);
        return outcome == LeadOutcome.Done ? RedirectToPage("/Scans/Details", new { id = scanId }) : Refused(outcome);
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (!(await validator.ValidateAsync(Input, o => o.IncludeRuleSets(LeadInputValidator.Delete).IncludeRulesNotInRuleSet())).IsValid)
            return BadRequest();
        var outcome = await leads.DeleteAsync(Id, Input.Version);
        return outcome == LeadOutcome.Done ? RedirectToPage("/Leads/Index") : Refused(outcome);
    }

    private async Task<IActionResult> StepAsync(string ruleSet, Func<Task<(LeadOutcome Outcome, string Done)>> step)
    {
        if (!(await validator.ValidateAsync(Input, o => o.IncludeRuleSets(ruleSet).IncludeRulesNotInRuleSet())).IsValid)
            return BadRequest();
        var (outcome, done) = await step();
        return outcome == LeadOutcome.Done ? RedirectToPage(new { Id, Done = done }) : Refused(outcome);
    }

    private IActionResult Refused(LeadOutcome outcome) => outcome switch
    {
        LeadOutcome.NotFound => NotFound(),
        LeadOutcome.NotAllowed => StatusCode(StatusCodes.Status403Forbidden),
        LeadOutcome.Conflict => RedirectToPage(new { Id, Done = "conflict" }),
        _ => BadRequest(),
    };

    private async Task<bool> LoadAsync()
    {
        var lead = await leads.Visible().AsNoTracking().Include(l => l.AssignedTo).SingleOrDefaultAsync(l => l.Id == Id);
        if (lead is null)
            return false;
        Lead = lead;
        AssignedTo = lead.AssignedTo?.DisplayName;
        CanHandle = leads.CanHandle(lead);
        Assignees = await leads.AssigneesAsync();
        SelfScan = lead.SelfScanResponseId is { } selfScanId ? await selfScans.FindByIdAsync(selfScanId, HttpContext.RequestAborted) : null;
        return true;
    }
}
