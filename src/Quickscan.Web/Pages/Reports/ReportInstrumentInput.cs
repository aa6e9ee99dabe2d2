using FluentValidation;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Reports;

/// <summary>
/// Hide (or show again) one open answer among the report's quotes. The answer is named by its opaque
/// <see cref="QuoteReferences">reference</see>, never by the respondent's id.
/// </summary>
public sealed class QuoteInput
{
    public string Reference { get; set; } = "";

    public bool Hide { get; set; }
}

public sealed class QuoteValidator : AbstractValidator<QuoteInput>
{
    public QuoteValidator() =>
        // Data Protection's base64url alphabet only; whether it decrypts is the editing's check, for this scan.
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(QuoteReferences.MaxLength)
            .Must(r => r.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
}

/// <summary>A group's name (a department as entered, or a role group's key) and its headcount; an empty count is not stored.</summary>
public sealed class HeadcountRow
{
    public string? Name { get; set; }

    public int? Count { get; set; }
}

/// <summary>The consultant's headcounts of a scan: replaces the stored set as a whole.</summary>
public sealed class HeadcountsInput
{
    /// <summary>Headcounts above this are a typo, not a department.</summary>
    public const int MaxCount = 100_000;

    public const int NameMaxLength = Pages.Respond.ProfileInput.DepartmentMaxLength;

    public const int MaxDepartments = 200;

    /// <summary>Empty rows the form offers for departments no respondent named (yet).</summary>
    public const int FreeRows = 3;

    public List<HeadcountRow> Departments { get; set; } = [];

    public List<HeadcountRow> RoleGroups { get; set; } = [];

    /// <summary>The rows with a count, names trimmed.</summary>
    public ReportHeadcounts ToHeadcounts() => new(
        Departments.Where(d => d.Count is not null && !string.IsNullOrWhiteSpace(d.Name)).ToDictionary(d => d.Name!.Trim(), d => d.Count!.Value, StringComparer.OrdinalIgnoreCase),
        RoleGroups.Where(r => r.Count is not null && !string.IsNullOrWhiteSpace(r.Name)).ToDictionary(r => r.Name!, r => r.Count!.Value, StringComparer.Ordinal));
}

public sealed class HeadcountsValidator : AbstractValidator<HeadcountsInput>
{
    public HeadcountsValidator()
    {
        RuleFor(x => x.Departments).Must(d => d.Count <= HeadcountsInput.MaxDepartments)
            .Must(d => d.Where(r => r.Count is not null && !string.IsNullOrWhiteSpace(r.Name)).Select(r => r.Name!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count()
                       == d.Count(r => r.Count is not null && !string.IsNullOrWhiteSpace(r.Name)));
        RuleForEach(x => x.Departments).ChildRules(row =>
        {
            row.RuleFor(r => r.Name).MaximumLength(HeadcountsInput.NameMaxLength).SingleLine();
            row.RuleFor(r => r.Count).InclusiveBetween(0, HeadcountsInput.MaxCount);
            // A count needs the department it is of.
            row.RuleFor(r => r.Name).NotEmpty().When(r => r.Count is not null);
        });
        RuleFor(x => x.RoleGroups).Must(r => r.Count <= RoleGroupKeys.All.Count && r.Select(x => x.Name).Distinct().Count() == r.Count);
        RuleForEach(x => x.RoleGroups).ChildRules(row =>
        {
            row.RuleFor(r => r.Name).Must(key => key is not null && RoleGroupKeys.All.Contains(key));
            row.RuleFor(r => r.Count).InclusiveBetween(0, HeadcountsInput.MaxCount);
        });
    }
}
