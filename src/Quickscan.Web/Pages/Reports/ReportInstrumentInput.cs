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

    /// <summary>Set by a quote in a block's list of the rest (<see cref="QuotesBlock.Key"/>): the page comes back with it open.</summary>
    public string? Block { get; set; }

    public static bool IsBlockKey(string? key) => key is null || (key.Length is > 0 and <= 200 && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
}

public sealed class QuoteValidator : AbstractValidator<QuoteInput>
{
    public QuoteValidator()
    {
        // Data Protection's base64url alphabet only; whether it decrypts is the editing's check, for this scan.
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(QuoteReferences.MaxLength)
            .Must(r => r.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        RuleFor(x => x.Block).Must(QuoteInput.IsBlockKey);
    }
}

/// <summary>
/// A group's name (a department as entered, or a role group's key) and its headcount as typed: text, so that "-3",
/// "twintig" or a number too large for an int reach the validator (and get a message at the field) instead of
/// failing model binding; an empty count is not stored.
/// </summary>
public sealed class HeadcountRow
{
    public string? Name { get; set; }

    public string? Count { get; set; }

    /// <summary>The count as a number: null when empty or not a valid headcount (the validator has refused those).</summary>
    public int? Value => HeadcountsInput.ParseCount(Count);

    public bool HasCount => !string.IsNullOrWhiteSpace(Count);
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

    /// <summary>
    /// A whole number 0…<see cref="MaxCount"/> in ASCII digits (spaces around it allowed), else null: no sign, no
    /// separators, no other scripts' digits, so what is stored is what the consultant sees.
    /// </summary>
    public static int? ParseCount(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 6 || !trimmed.All(char.IsAsciiDigit))
            return null;
        var value = int.Parse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        return value <= MaxCount ? value : null;
    }

    /// <summary>The rows with a count, names trimmed.</summary>
    public ReportHeadcounts ToHeadcounts() => new(
        Departments.Where(d => d.Value is not null && !string.IsNullOrWhiteSpace(d.Name)).ToDictionary(d => d.Name!.Trim(), d => d.Value!.Value, StringComparer.OrdinalIgnoreCase),
        RoleGroups.Where(r => r.Value is not null && !string.IsNullOrWhiteSpace(r.Name)).ToDictionary(r => r.Name!, r => r.Value!.Value, StringComparer.Ordinal));
}

/// <summary>
/// The headcount form's rules. Each failure's error code is the resource key of the message the form shows at the
/// field (see <see cref="HeadcountsForm"/>); a failure without one (the list's shape: too many rows, an unknown role
/// group) is a tampered post and gets the form's general message only.
/// </summary>
public sealed class HeadcountsValidator : AbstractValidator<HeadcountsInput>
{
    public const string CountInvalid = "Report.HeadcountCountInvalid";
    public const string NameRequired = "Report.HeadcountNameRequired";
    public const string NameInvalid = "Report.HeadcountNameInvalid";
    public const string NameTwice = "Report.HeadcountNameTwice";

    public HeadcountsValidator()
    {
        RuleFor(x => x.Departments).Must(d => d.Count <= HeadcountsInput.MaxDepartments);
        RuleForEach(x => x.Departments).ChildRules(row =>
        {
            row.RuleFor(r => r.Name).MaximumLength(HeadcountsInput.NameMaxLength).WithErrorCode(NameInvalid).SingleLine().WithErrorCode(NameInvalid);
            row.RuleFor(r => r.Count).Must(c => string.IsNullOrWhiteSpace(c) || HeadcountsInput.ParseCount(c) is not null).WithErrorCode(CountInvalid);
            // A count needs the department it is of.
            row.RuleFor(r => r.Name).Must(n => !string.IsNullOrWhiteSpace(n)).When(r => r.HasCount).WithErrorCode(NameRequired);
        });
        // The same department twice (names compared as stored: trimmed, any case): the later row says so.
        RuleFor(x => x.Departments).Custom((rows, context) =>
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < rows.Count && i <= HeadcountsInput.MaxDepartments; i++)
            {
                if (rows[i].HasCount && !string.IsNullOrWhiteSpace(rows[i].Name) && !seen.Add(rows[i].Name!.Trim()))
                    context.AddFailure(new FluentValidation.Results.ValidationFailure($"{nameof(HeadcountsInput.Departments)}[{i}].{nameof(HeadcountRow.Name)}", "Listed twice.") { ErrorCode = NameTwice });
            }
        });
        RuleFor(x => x.RoleGroups).Must(r => r.Count <= RoleGroupKeys.All.Count && r.Select(x => x.Name).Distinct().Count() == r.Count);
        RuleForEach(x => x.RoleGroups).ChildRules(row =>
        {
            row.RuleFor(r => r.Name).Must(key => key is not null && RoleGroupKeys.All.Contains(key));
            row.RuleFor(r => r.Count).Must(c => string.IsNullOrWhiteSpace(c) || HeadcountsInput.ParseCount(c) is not null).WithErrorCode(CountInvalid);
        });
    }
}

/// <summary>
/// A refused headcount post shown again: what was typed, and per field (its path in the input, e.g.
/// "Departments[0].Count") the resource key of its message.
/// </summary>
public sealed record HeadcountsForm(HeadcountsInput Input, IReadOnlyDictionary<string, string> Errors)
{
    public static HeadcountsForm From(HeadcountsInput input, FluentValidation.Results.ValidationResult result) => new(
        input,
        result.Errors
            .Where(e => e.ErrorCode.StartsWith("Report.Headcount", StringComparison.Ordinal))
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ErrorCode, StringComparer.Ordinal));

    public string? Error(string list, int index, string field) => Errors.GetValueOrDefault($"{list}[{index}].{field}");
}
