using FluentValidation;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Clients;

public sealed class ClientInput
{
    public string Name { get; set; } = "";
    public string? Sector { get; set; }
    public string? SizeClass { get; set; }

    /// <summary>The client's version when the form was opened; a different one now means someone else saved in between.</summary>
    public Guid? Version { get; set; }

    /// <summary>
    /// For a new client: its id, chosen when the form was made, so that a second post of the same form (a
    /// double-click, a resent page) finds the client the first one made instead of making another.
    /// </summary>
    public Guid? NewId { get; set; }
}

public sealed class ClientValidator : AbstractValidator<ClientInput>
{
    public ClientValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).SingleLine();
        RuleFor(x => x.Sector).Must(s => string.IsNullOrEmpty(s) || ClientOptions.Sectors.Contains(s));
        RuleFor(x => x.SizeClass).Must(s => string.IsNullOrEmpty(s) || ClientOptions.SizeClasses.Contains(s));
        RuleFor(x => x.NewId).NotEqual(Guid.Empty);
    }
}

/// <summary>The fixed choices for a client's sector and size, so that benchmarks and overviews can group by them.</summary>
public static class ClientOptions
{
    public static IReadOnlyList<string> Sectors { get; } =
        ["care", "education", "government", "finance", "business-services", "industry", "retail", "ict", "non-profit", "other"];

    public static IReadOnlyList<string> SizeClasses { get; } = ["1-49", "50-249", "250-999", "1000-4999", "5000+"];
}
