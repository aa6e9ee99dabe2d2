using FluentValidation;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Validation set-up and the rules every text field shares. Control characters in any query or form value
/// are already refused by <see cref="RequestHygiene.UseControlCharacterGuard"/>; these rules add what only
/// the field knows: a single-line text has no line breaks either.
/// </summary>
public static class TextRules
{
    public const string ControlCharactersCode = "ControlCharacters";

    /// <summary>The earliest and latest dates any date field takes: far beyond any real scan, well inside DateTime.</summary>
    public static readonly DateTime EarliestDate = new(2000, 1, 1);
    public static readonly DateTime LatestDate = new(2200, 1, 1);

    /// <summary>
    /// Registers every validator of the app. A rule stops at its first failure, so a later check in the same
    /// rule never sees a value an earlier one refused (an empty 2FA code was a NullReferenceException).
    /// </summary>
    public static IServiceCollection AddQuickscanValidation(this IServiceCollection services)
    {
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        return services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
    }

    /// <summary>No control characters, line breaks included.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => RequestHygiene.IsPlainText(text)).WithErrorCode(ControlCharactersCode);

    /// <summary>No control characters except line breaks.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => RequestHygiene.IsPlainText(text, multiLine: true)).WithErrorCode(ControlCharactersCode);

    /// <summary>A date within <see cref="EarliestDate"/>–<see cref="LatestDate"/>, so date arithmetic never overflows.</summary>
    public static IRuleBuilderOptions<T, DateTime?> PlausibleDate<T>(this IRuleBuilder<T, DateTime?> rule) =>
        rule.Must(date => date is null || (date >= EarliestDate && date < LatestDate));
}
