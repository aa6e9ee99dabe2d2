using System.Text.Json.Serialization;

namespace Quickscan.Domain.Questionnaires;

// The definition records are the questionnaire file format (see DefaultQuestionnaire/FORMAT.md) and what an
// editor changes. They come from outside, so nothing here trusts its nullability annotations:
// QuestionnaireValidator checks every field before a Questionnaire is built from a definition.
// Every number is a decimal: the file's "0.6" or "1.5" is read as exactly that, never as the nearest binary double.

public sealed record QuestionnaireDefinition
{
    public required string Key { get; init; }
    public required int Version { get; init; }
    public QuestionnaireKind Kind { get; init; } = QuestionnaireKind.Quickscan;
    public required LocalizedText Title { get; init; }

    /// <summary>Start page of the employee survey (the share link).</summary>
    public LocalizedText? Introduction { get; init; }

    /// <summary>Start page of the owner intake.</summary>
    public LocalizedText? IntakeIntroduction { get; init; }

    /// <summary>What <c>{platform}</c> becomes when a scan names no platform; "het platform" / "the platform" when absent.</summary>
    public LocalizedText? DefaultPlatformName { get; init; }

    public ScoringSettings Settings { get; init; } = new();
    public required IReadOnlyList<LevelDefinition> Levels { get; init; }

    /// <summary>Unscored facts about the organisation, asked in the intake only.</summary>
    public IReadOnlyList<QuestionDefinition>? Context { get; init; }

    public required IReadOnlyList<ConditionDefinition> Conditions { get; init; }
}

/// <summary>The rules of scoring and reporting that belong to a questionnaire version.</summary>
public sealed record ScoringSettings
{
    /// <summary>Share (0–1) of a condition's scored questions shown to a respondent that must be answered for it to get a score.</summary>
    public decimal CoverageThreshold { get; init; } = 0.6m;

    /// <summary>A condition whose respondents' standard deviation is above this (points) is flagged as lacking consensus.</summary>
    public decimal ConsensusSdThreshold { get; init; } = 20;

    /// <summary>Role groups smaller than this are never reported separately.</summary>
    public int AnonymityThreshold { get; init; } = 5;

    /// <summary>A factor this many points or more below its condition gets its own next step.</summary>
    public decimal FactorLagThreshold { get; init; } = 15;

    /// <summary>No benchmark is given against fewer results than this.</summary>
    public int BenchmarkMinimum { get; init; } = 5;

    /// <summary>A respondent's weakest condition is the bottleneck only when at least this many points below the next.</summary>
    public decimal BottleneckMargin { get; init; } = 5;

    /// <summary>The same for a scan.</summary>
    public decimal ScanBottleneckMargin { get; init; } = 10;

    /// <summary>A submission with a smaller share (0–1) of its shown questions answered is not counted in any figure.</summary>
    public decimal MinimumAnsweredShare { get; init; } = 0.25m;

    /// <summary>A response faster than this many seconds per answer is flagged as implausibly fast.</summary>
    public decimal MinimumSecondsPerAnswer { get; init; } = 2;

    /// <summary>A response with the same answer on every agreement question it answered, at least this many, is flagged as straight-lining.</summary>
    public int StraightLiningMinimum { get; init; } = 10;
}

/// <summary>A maturity level and the part of the 0–100 scale it covers: From inclusive, To exclusive (the top level includes 100).</summary>
public sealed record LevelDefinition
{
    public required int Number { get; init; }
    public required LocalizedText Name { get; init; }
    public required decimal From { get; init; }
    public required decimal To { get; init; }

    /// <summary>What this overall level means.</summary>
    public LocalizedText? Description { get; init; }
}

public sealed record ConditionDefinition
{
    public required string Key { get; init; }
    public required decimal Weight { get; init; }

    /// <summary>The model's term, used in the report.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>A neutral heading respondents see instead of the model's term, which could prime answers.</summary>
    public LocalizedText? RespondentName { get; init; }

    public required LocalizedText Description { get; init; }

    /// <summary>One neutral sentence above the condition's first step for respondents.</summary>
    public LocalizedText? RespondentIntro { get; init; }

    /// <summary>For each maturity level: what the condition looks like there, and how to reach the next level.</summary>
    public required IReadOnlyList<ConditionLevelDefinition> Levels { get; init; }

    public required IReadOnlyList<FactorDefinition> Factors { get; init; }
}

public sealed record ConditionLevelDefinition
{
    public required int Level { get; init; }

    /// <summary>What the condition looks like at this level, in facts: for the report and the owner team.</summary>
    public required LocalizedText Description { get; init; }

    /// <summary>
    /// Optional: what an employee at this level notices, worded as perception. An employee's score rests on what
    /// they see, not on facts such as KPIs, so their result must not claim those facts.
    /// </summary>
    public LocalizedText? RespondentDescription { get; init; }

    public required AdviceDefinition Advice { get; init; }
}

public sealed record FactorDefinition
{
    public required string Key { get; init; }
    public required decimal Weight { get; init; }
    public required LocalizedText Name { get; init; }
    public LocalizedText? Description { get; init; }

    /// <summary>A neutral heading of the factor's step for respondents.</summary>
    public LocalizedText? RespondentName { get; init; }

    /// <summary>What to do when this factor lags behind its condition.</summary>
    public required AdviceDefinition Advice { get; init; }

    /// <summary>What an employee can do themselves; shown on an employee's own result instead of organisation-level advice.</summary>
    public LocalizedText? Tip { get; init; }

    public required IReadOnlyList<QuestionDefinition> Questions { get; init; }
}

/// <summary>
/// A step of advice: who does what (Text), the role that carries it (Owner) and within how many days
/// (HorizonDays). Version 1 files give only the text, as a plain { "nl", "en" } text.
/// </summary>
[JsonConverter(typeof(AdviceDefinitionJsonConverter))]
public sealed record AdviceDefinition
{
    public static IReadOnlyList<int> Horizons { get; } = [30, 60, 90, 180, 365];

    public required LocalizedText Text { get; init; }
    public LocalizedText? Owner { get; init; }
    public int? HorizonDays { get; init; }

    public string this[Language language] => Text[language];

    /// <summary>The same advice with another text; owner and horizon stay (an editor changes the text only).</summary>
    public static AdviceDefinition WithText(AdviceDefinition? advice, LocalizedText text) =>
        advice is null ? new AdviceDefinition { Text = text } : advice with { Text = text };

    public static implicit operator AdviceDefinition(LocalizedText text) => new() { Text = text };
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind
{
    /// <summary>Agree 1–5, with optional "don't know" and "not applicable" that are left out of scoring.</summary>
    [JsonStringEnumMemberName("agreement")]
    Agreement,

    /// <summary>One option out of several, each with its own score.</summary>
    [JsonStringEnumMemberName("single-choice")]
    SingleChoice,

    /// <summary>Free text; never scored.</summary>
    [JsonStringEnumMemberName("open-text")]
    OpenText,
}

/// <summary>Who can answer a question.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Audience>))]
public enum Audience
{
    /// <summary>Asked in the employee survey and in the owner intake.</summary>
    [JsonStringEnumMemberName("everyone")]
    Everyone,

    /// <summary>Facts only the owner team (owner, community managers, steering group) can know: asked in the intake only.</summary>
    [JsonStringEnumMemberName("owner")]
    Owner,
}

public sealed record QuestionDefinition
{
    public required string Key { get; init; }
    public required QuestionKind Kind { get; init; }
    public Audience Audience { get; init; } = Audience.Everyone;

    /// <summary>When set, the employee survey asks the question only of respondents who chose one of these role groups.</summary>
    public IReadOnlyList<string>? RoleGroups { get; init; }

    /// <summary>When set, the question is asked only when an earlier single-choice question got one of the options.</summary>
    public AnswerMatch? ShowIf { get; init; }

    public required LocalizedText Text { get; init; }
    public LocalizedText? Help { get; init; }
    public decimal Weight { get; init; } = 1;

    /// <summary>Agreement only: agreeing more means less mature (5 scores 0, 1 scores 100).</summary>
    public bool Reversed { get; init; }

    /// <summary>Offers "don't know": a finding in its own right, reported as a share.</summary>
    public bool DontKnow { get; init; } = true;

    /// <summary>Offers "not applicable": noise, left out and reported separately.</summary>
    public bool NotApplicable { get; init; }

    /// <summary>Single choice only.</summary>
    public IReadOnlyList<OptionDefinition>? Options { get; init; }
}

/// <summary>An earlier single-choice question and the options of it that make something apply.</summary>
public sealed record AnswerMatch
{
    public required string Question { get; init; }
    public required IReadOnlyList<string> Options { get; init; }
}

public sealed record OptionDefinition
{
    public required string Key { get; init; }
    public required LocalizedText Label { get; init; }

    /// <summary>0–100. Nullable so that a definition missing a score can be loaded and reported, not crash.</summary>
    public decimal? Score { get; init; }

    /// <summary>The maturity level (1–5) the option describes: set on every option of a ladder item, or on none.</summary>
    public int? Level { get; init; }

    /// <summary>What the option means for another kind of organisation; the first whose When matches is used.</summary>
    public IReadOnlyList<OptionVariant>? Variants { get; init; }
}

public sealed record OptionVariant
{
    public required AnswerMatch When { get; init; }
    public decimal? Score { get; init; }
    public int? Level { get; init; }
}
