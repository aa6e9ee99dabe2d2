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

    /// <summary>Someone else saved this client since the form was opened: their version is shown, nothing of ours was stored.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null)
        {
            Input.NewId = Guid.CreateVersion7();
            return Page();
        }

        var client = await db.Organisations.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(o => o.Id == Id);
        if (client is null)
            return NotFound();
        Input = ToInput(client);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Organisation? client = null;
        if (Id is not null && (client = await db.Organisations.VisibleTo(user).SingleOrDefaultAsync(o => o.Id == Id)) is null)
            return NotFound();
        var validation = await validator.ValidateAsync(Input);
        // A field that didn't bind (a tampered version or id) is refused too, not read as empty.
        if (!validation.IsValid || !ModelState.IsValid)
        {
            Invalid = validation.Errors.Select(e => e.PropertyName)
                .Concat(ModelState.Where(m => m.Value?.Errors.Count > 0).Select(m => m.Key.Replace("Input.", "", StringComparison.Ordinal))).Distinct().ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var isNew = client is null;
        if (client is null)
        {
            // The same new-client form posted again: the client its first post made.
            if (Input.NewId is { } made && await db.Organisations.AsNoTracking().VisibleTo(user).AnyAsync(o => o.Id == made))
                return RedirectToPage("/Clients/Index");
            client = new Organisation { Id = Input.NewId ?? Guid.CreateVersion7(), Name = "", OwnerId = user.Id, CreatedAt = clock.GetUtcNow() };
            db.Organisations.Add(client);
            audit.Record(AuditActions.ClientCreated, AuditEntities.Client, client.Id, Input.Name.Trim());
        }
        else
        {
            if (Input.Version != client.Version)
                return await ConflictAsync(client.Id);
            audit.Record(AuditActions.ClientChanged, AuditEntities.Client, client.Id, Input.Name.Trim(), before: client.Name);
        }

        client.Name = Input.Name.Trim();
        client.Sector = string.IsNullOrEmpty(Input.Sector) ? null : Input.Sector;
        client.SizeClass = string.IsNullOrEmpty(Input.SizeClass) ? null : Input.SizeClass;
        client.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(client.Id);
        }
        catch (DbUpdateException e) when (isNew && e.IsUniqueViolation())
        {
            // Two posts of the same form at once: the other one made the client (or the id was not ours to take).
            db.ChangeTracker.Clear();
        }

        return RedirectToPage("/Clients/Index");
    }

    private async Task<IActionResult> ConflictAsync(Guid id)
    {
        db.ChangeTracker.Clear();
        Conflict = true;
        Input = ToInput(await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private static ClientInput ToInput(Organisation client) =>
        new() { Name = client.Name, Sector = client.Sector, SizeClass = client.SizeClass, Version = client.Version };
}
