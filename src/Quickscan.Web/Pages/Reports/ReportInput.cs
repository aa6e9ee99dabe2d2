using FluentValidation;
using Quickscan.Web.Infrastructure;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Reports;

/// <summary>The consultant's note on one condition; empty text clears it.</summary>
public sealed class NoteInput
{
    public const int TextMaxLength = 4000;

    public string ConditionKey { get; set; } = "";

    public string? Text { get; set; }
}

public sealed class NoteValidator : AbstractValidator<NoteInput>
{
    public NoteValidator()
    {
        RuleFor(x => x.ConditionKey).Must(key => ConditionKeys.All.Contains(key));
        RuleFor(x => x.Text).MaximumLength(NoteInput.TextMaxLength).MultiLine();
    }
}

/// <summary>
/// A next step, edited (Position 1…n) or added at the end (Position 0). Stamp is the step list's stamp
/// when the form was opened: a list that changed since is not edited blindly.
/// </summary>
public sealed class StepInput
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 4000;
    public const int WhyMaxLength = 1000;
    public const int OwnerMaxLength = 200;

    /// <summary>The horizons a step can have on the roadmap, in days.</summary>
    public static IReadOnlyList<int> Horizons { get; } = [30, 60, 90, 180, 365];

    public int Position { get; set; }

    public string? ConditionKey { get; set; }

    public string Title { get; set; } = "";

    public string Text { get; set; } = "";

    public string? Why { get; set; }

    /// <summary>Who at the client takes the step on; optional.</summary>
    public string? Owner { get; set; }

    /// <summary>One of <see cref="Horizons"/>, or null for no horizon.</summary>
    public int? HorizonDays { get; set; }

    public string Stamp { get; set; } = "";
}

public sealed class StepValidator : AbstractValidator<StepInput>
{
    public StepValidator()
    {
        RuleFor(x => x.Position).GreaterThanOrEqualTo(0);
        RuleFor(x => x.ConditionKey).Must(key => string.IsNullOrEmpty(key) || ConditionKeys.All.Contains(key));
        RuleFor(x => x.Title).Must(t => !string.IsNullOrWhiteSpace(t)).MaximumLength(StepInput.TitleMaxLength).SingleLine();
        RuleFor(x => x.Text).Must(t => !string.IsNullOrWhiteSpace(t)).MaximumLength(StepInput.TextMaxLength).MultiLine();
        RuleFor(x => x.Why).MaximumLength(StepInput.WhyMaxLength).MultiLine();
        RuleFor(x => x.Owner).MaximumLength(StepInput.OwnerMaxLength).SingleLine();
        RuleFor(x => x.HorizonDays).Must(h => h is null || StepInput.Horizons.Contains(h.Value));
        RuleFor(x => x.Stamp).Must(StepStamps.LooksValid);
    }
}

/// <summary>Removes the step at Position (1…n).</summary>
public sealed class StepRemoveInput
{
    public int Position { get; set; }

    public string Stamp { get; set; } = "";
}

public sealed class StepRemoveValidator : AbstractValidator<StepRemoveInput>
{
    public StepRemoveValidator()
    {
        RuleFor(x => x.Position).GreaterThanOrEqualTo(1);
        RuleFor(x => x.Stamp).Must(StepStamps.LooksValid);
    }
}

/// <summary>Moves the step at Position (1…n) one place "up" or "down".</summary>
public sealed class StepMoveInput
{
    public int Position { get; set; }

    public string Direction { get; set; } = "";

    public string Stamp { get; set; } = "";
}

public sealed class StepMoveValidator : AbstractValidator<StepMoveInput>
{
    public StepMoveValidator()
    {
        RuleFor(x => x.Position).GreaterThanOrEqualTo(1);
        RuleFor(x => x.Direction).Must(d => d is "up" or "down");
        RuleFor(x => x.Stamp).Must(StepStamps.LooksValid);
    }
}

/// <summary>Throws the edited steps away: the report shows the generated steps again.</summary>
public sealed class StepsRestoreInput
{
    public string Stamp { get; set; } = "";
}

public sealed class StepsRestoreValidator : AbstractValidator<StepsRestoreInput>
{
    public StepsRestoreValidator() => RuleFor(x => x.Stamp).Must(StepStamps.LooksValid);
}

public static class StepStamps
{
    /// <summary>16 lowercase hex characters, as <see cref="ReportSteps.StampOf"/> makes them.</summary>
    public static bool LooksValid(string? stamp) => stamp is { Length: 16 } && stamp.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

/// <summary>
/// The per-scan choice to leave flagged responses (straight-lining, too fast) out of every figure. Version is the
/// scan's version when the report was opened: a scan edited since is not changed blindly (409).
/// </summary>
public sealed class ExcludeFlaggedInput
{
    public bool Exclude { get; set; }

    public Guid Version { get; set; }
}

public sealed class ExcludeFlaggedValidator : AbstractValidator<ExcludeFlaggedInput>
{
    public ExcludeFlaggedValidator() => RuleFor(x => x.Version).NotEmpty();
}
