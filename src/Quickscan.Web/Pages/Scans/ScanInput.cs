using FluentValidation;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Scans;

public sealed class ScanInput
{
    public string Title { get; set; } = "";
    public int QuestionnaireVersionId { get; set; }
    public string? WelcomeText { get; set; }

    /// <summary>The platform's name as the client calls it, put into every question ("Viva Engage"); empty: "het platform".</summary>
    public string? PlatformName { get; set; }

    public DateTime? OpensAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public List<string> Languages { get; set; } = ["nl", "en"];
    public bool ShowRespondentResult { get; set; } = true;

    /// <summary>A trial run: never in a benchmark or the state of affairs.</summary>
    public bool IsTest { get; set; }
    public int AnonymityThreshold { get; set; } = 5;

    /// <summary>Days after closing that the responses are kept; empty: the admin's default.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>The scan's version when the form was opened; a different one now means someone else saved in between.</summary>
    public Guid? Version { get; set; }

    /// <summary>
    /// For a new scan: its id, chosen when the form was made, so that a second post of the same form (a
    /// double-click, a resent page) finds the scan the first one made instead of making another.
    /// </summary>
    public Guid? NewId { get; set; }
}

public sealed class ScanValidator : AbstractValidator<ScanInput>
{
    public const string TimeDoesNotExist = "TimeDoesNotExist";

    public ScanValidator(AppTime time)
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200).SingleLine();
        RuleFor(x => x.QuestionnaireVersionId).GreaterThan(0);
        RuleFor(x => x.NewId).NotEqual(Guid.Empty);
        RuleFor(x => x.WelcomeText).MaximumLength(4000).MultiLine();
        RuleFor(x => x.PlatformName).MaximumLength(60).SingleLine()
            .Must(name => name is null || name.IndexOfAny(['{', '}', '<', '>']) < 0).WithMessage("A name without braces or angle brackets.");
        RuleFor(x => x.OpensAt).PlausibleDate().Must(d => d is null || time.Exists(d.Value)).WithErrorCode(TimeDoesNotExist);
        RuleFor(x => x.ClosesAt).PlausibleDate().Must(d => d is null || time.Exists(d.Value)).WithErrorCode(TimeDoesNotExist);
        RuleFor(x => x.ClosesAt).GreaterThan(x => x.OpensAt).When(x => x.OpensAt is not null && x.ClosesAt is not null);
        RuleFor(x => x.Languages).NotEmpty().Must(l => l.All(code => code is "nl" or "en") && l.Distinct().Count() == l.Count);
        RuleFor(x => x.AnonymityThreshold).InclusiveBetween(3, 50);
        RuleFor(x => x.RetentionDays).Must(d => d is null || Domain.Retention.RetentionRules.IsAllowed(d.Value));
    }
}
