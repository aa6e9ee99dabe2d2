using FluentValidation;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Clients;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>A prospect's contact request. <see cref="Website"/> is the honeypot: people never see it, bots fill it in.</summary>
public sealed class ContactInput
{
    public string Name { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string? Sector { get; set; }
    public string? SizeClass { get; set; }
    public string? Message { get; set; }
    public bool Consent { get; set; }

    /// <summary>The honeypot: must stay empty.</summary>
    public string? Website { get; set; }

    /// <summary>When the form was shown, protected by the server (see <see cref="FillTimer"/>).</summary>
    public string? Started { get; set; }
}

/// <summary>What a person can get wrong in the contact form; each failing property gets its own message on the page.</summary>
public sealed class ContactValidator : AbstractValidator<ContactInput>
{
    public ContactValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(LeadLimits.Name).SingleLine();
        RuleFor(x => x.Organisation).NotEmpty().MaximumLength(LeadLimits.Organisation).SingleLine();
        RuleFor(x => x.Email).NotEmpty().MaximumLength(LeadLimits.Email).Must(BeAnEmailAddress);
        RuleFor(x => x.Phone).MaximumLength(LeadLimits.Phone).Matches(@"^\+?[0-9 ()\-.]{6,}$").When(x => !string.IsNullOrWhiteSpace(x.Phone));
        RuleFor(x => x.Sector).Must(s => string.IsNullOrEmpty(s) || ClientOptions.Sectors.Contains(s));
        RuleFor(x => x.SizeClass).Must(s => string.IsNullOrEmpty(s) || ClientOptions.SizeClasses.Contains(s));
        RuleFor(x => x.Message).MaximumLength(LeadLimits.Message).MultiLine();
        RuleFor(x => x.Consent).Equal(true);
    }

    /// <summary>One address of the usual shape: a local part, an @, a domain with a dot; no spaces, no display name.</summary>
    private static bool BeAnEmailAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return false;
        var email = value.Trim();
        var at = email.LastIndexOf('@');
        return RequestHygiene.IsPlainText(email) && !email.Any(char.IsWhiteSpace) && at > 0 && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.')
            && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;
    }
}
