using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Clients;

/// <summary>Create a client (no id) or edit one of the consultant's own.</summary>
public sealed class EditModel(QuickscanDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock, IValidator<ClientInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public IReadOnlyList<string> Invalid { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null)
            return Page();
        var client = await db.Organisations.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(o => o.Id == Id);
        if (client is null)
            return NotFound();
        Input = new ClientInput { Name = client.Name, Sector = client.Sector, SizeClass = client.SizeClass };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Organisation? client = null;
        if (Id is not null && (client = await db.Organisations.VisibleTo(user).SingleOrDefaultAsync(o => o.Id == Id)) is null)
            return NotFound();
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            Invalid = validation.Errors.Select(e => e.PropertyName).Distinct().ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (client is null)
        {
            client = new Organisation { Name = "", OwnerId = user.Id, CreatedAt = clock.GetUtcNow() };
            db.Organisations.Add(client);
            audit.Record("client.created", "client", client.Id, Input.Name.Trim());
        }
        else
        {
            audit.Record("client.changed", "client", client.Id, Input.Name.Trim(), before: client.Name);
        }

        client.Name = Input.Name.Trim();
        client.Sector = string.IsNullOrEmpty(Input.Sector) ? null : Input.Sector;
        client.SizeClass = string.IsNullOrEmpty(Input.SizeClass) ? null : Input.SizeClass;
        await db.SaveChangesAsync();
        return RedirectToPage("/Clients/Index");
    }
}
