using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Leads;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>
/// The contact request from a self-scan result: the prospect's details, explicit consent, and the result
/// attached. Spam protection without third parties: a rate limit per IP address, a honeypot field and a
/// minimum fill time. Bad input gets its message and stores nothing.
/// </summary>
[EnableRateLimiting(SelfScanSetup.ContactPolicy)]
public sealed class ContactModel(SelfScans selfScans, LeadWorkflow leads, FillTimer timer, IValidator<ContactInput> validator, IStringLocalizer<SharedResource> text, Microsoft.Extensions.Options.IOptions<SelfScanOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public IReadOnlyList<string> Invalid { get; private set; } = [];

    /// <summary>A refusal that is not about one field: the honeypot, or a form sent too fast.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The consent as the prospect reads it, with the retention period as configured (it is stored with the lead).</summary>
    public string ConsentText => text.Plural("SelfScan.Contact.Consent", options.Value.LeadRetentionDays);

    public async Task<IActionResult> OnGetAsync()
    {
        var selfScan = await selfScans.FindAsync(Token, HttpContext.RequestAborted);
        if (selfScan is null)
            return NotFound();
        Input = new ContactInput { Sector = selfScan.Sector, SizeClass = selfScan.SizeClass, Started = timer.Start() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var selfScan = await selfScans.FindAsync(Token, HttpContext.RequestAborted);
        if (selfScan is null)
            return NotFound();

        if (!string.IsNullOrEmpty(Input.Website))
            return Refuse("SelfScan.Contact.Refused");
        if (!timer.IsPlausible(Input.Started))
            return Refuse("SelfScan.Contact.TooFast");
        var validation = await validator.ValidateAsync(Input, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            Invalid = validation.Errors.Select(e => e.PropertyName).Distinct().ToList();
            return Again();
        }

        await leads.CreateAsync(Input, selfScan.Id, Localization.CurrentLanguage, ConsentText, HttpContext.RequestAborted);
        return RedirectToPage("/SelfScan/Thanks");
    }

    private PageResult Refuse(string message)
    {
        Refusal = text[message];
        return Again();
    }

    /// <summary>The form again, with what was typed, a fresh fill timer and status 400: nothing was stored.</summary>
    private PageResult Again()
    {
        Input.Started = timer.Start();
        Input.Website = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public bool IsInvalid(string property) => Invalid.Contains(property);
}
