using FluentValidation;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Leads;

/// <summary>What the lead page's forms send: the lead's version as shown, and the step's own value.</summary>
public sealed class LeadInput
{
    public Guid Version { get; set; }
    public Guid? ConsultantId { get; set; }
    public string? Status { get; set; }

    /// <summary>Deleting asks for a tick: the prospect asked for it.</summary>
    public bool Confirm { get; set; }

    public LeadStatus? ParsedStatus => Enum.TryParse<LeadStatus>(Status, ignoreCase: false, out var status) && Enum.IsDefined(status) && Status == status.ToString() ? status : null;
}

public sealed class LeadInputValidator : AbstractValidator<LeadInput>
{
    public const string Assign = "assign";
    public const string SetStatus = "status";
    public const string Delete = "delete";

    public LeadInputValidator()
    {
        RuleFor(x => x.Version).NotEmpty();
        RuleSet(Assign, () => RuleFor(x => x.ConsultantId).NotNull().NotEqual(Guid.Empty));
        RuleSet(SetStatus, () => RuleFor(x => x.ParsedStatus).NotNull().NotEqual(LeadStatus.Converted));
        RuleSet(Delete, () => RuleFor(x => x.Confirm).Equal(true));
    }
}
