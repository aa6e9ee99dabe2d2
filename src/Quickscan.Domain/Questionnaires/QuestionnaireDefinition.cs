using System.Text.Json.Serialization;

namespace Quickscan.Domain.Questionnaires;

// The definition records are the questionnaire file format (see DefaultQuestionnaire/questionnaire.v1.json)
// and what an editor changes. They come from outside, so nothing here trusts its nullability annotations:
// QuestionnaireValidator checks every field before a Questionnaire is built from a definition.

public sealed record QuestionnaireDefinition
{
    public required string Key { get; init; }
    public required int Version { get; init; }
    public QuestionnaireKind Kind { get; init; }
    public required LocalizedText Title { get; init; }
    public LocalizedText? Introduction { get; init; }
    public ScoringSettings Settings { get; init; } = new();
    public required IReadOnlyList<LevelDefinition> Levels { get; init; }
    public required IReadOnlyList<ConditionDefinition> Conditions { get; init; }
}

/// <summary>The rules of scoring and reporting that belong to a questionnaire version.</summary>
public sealed record ScoringSettings
{
    /// <summary>Share (0–1) of a condition's scored questions a respondent must answer for it to get a score.</summary>
    public double CoverageThreshold { get; init; } = 0.6;

    /// <summary>A condition whose respondents' standard deviation is above this (points) is flagged as lacking consensus.</summary>
    public double ConsensusSdThreshold { get; init; } = 20;

    /// <summary>Role groups smaller than this are never reported separately.</summary>
    public int AnonymityThreshold { get; init; } = 5;

    /// <summary>A factor this many points or more below its condition gets its own next step.</summary>
    public double FactorLagThreshold { get; init; } = 15;

    /// <summary>No benchmark is given against fewer results than this.</summary>
    public int BenchmarkMinimum { get; init; } = 5;
}

/// <summary>A maturity level and the part of the 0–100 scale it covers: From inclusive, To exclusive (the top level includes 100).</summary>
public sealed record LevelDefinition
{
    public required int Number { get; init; }
    public required LocalizedText Name { get; init; }
    public required double From { get; init; }
    public required double To { get; init; }
}

public sealed record ConditionDefinition
{
    public required string Key { get; init; }
    public required double Weight { get; init; }
    public required LocalizedText Name { get; init; }
    public required LocalizedText Description { get; init; }

    /// <summary>For each maturity level: what the condition looks like there, and how to reach the next level.</summary>
    public required IReadOnlyList<ConditionLevelDefinition> Levels { get; init; }

    public required IReadOnlyList<FactorDefinition> Factors { get; init; }
}

public sealed record ConditionLevelDefinition
{
    public required int Level { get; init; }
    public required LocalizedText Description { get; init; }
    public required LocalizedText Advice { get; init; }
}

public sealed record FactorDefinition
{
    public required string Key { get; init; }
    public required double Weight { get; init; }
    public required LocalizedText Name { get; init; }
    public LocalizedText? Description { get; init; }

    /// <summary>What to do when this factor lags behind its condition.</summary>
    public required LocalizedText Advice { get; init; }

    public required IReadOnlyList<QuestionDefinition> Questions { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind
{
    /// <summary>Agree 1–5, with an explicit "don't know / not applicable" that is left out of scoring.</summary>
    [JsonStringEnumMemberName("agreement")]
    Agreement,

    /// <summary>One option out of several, each with its own score.</summary>
    [JsonStringEnumMemberName("single-choice")]
    SingleChoice,

    /// <summary>Free text; never scored.</summary>
    [JsonStringEnumMemberName("open-text")]
    OpenText,
}

public sealed record QuestionDefinition
{
    public required string Key { get; init; }
    public required QuestionKind Kind { get; init; }
    public required LocalizedText Text { get; init; }
    public LocalizedText? Help { get; init; }
    public double Weight { get; init; } = 1;

    /// <summary>Agreement only: agreeing more means less mature (5 scores 0, 1 scores 100).</summary>
    public bool Reversed { get; init; }

    /// <summary>Single choice only.</summary>
    public IReadOnlyList<OptionDefinition>? Options { get; init; }
}

public sealed record OptionDefinition
{
    public required string Key { get; init; }
    public required LocalizedText Label { get; init; }

    /// <summary>0–100. Nullable so that a definition missing a score can be loaded and reported, not crash.</summary>
    public double? Score { get; init; }
}
