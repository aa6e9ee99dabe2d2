using System.Globalization;
using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Advice;

/// <summary>Why a next step was chosen: the condition (and factor) it concerns, its score, and where it should go.</summary>
public sealed record NextStepReason(
    string ConditionKey,
    Rational ConditionScore,
    int CurrentLevel,
    int? TargetLevel,
    bool IsBottleneck,
    string? FactorKey = null,
    Rational? FactorScore = null)
{
    /// <summary>The condition's weight × (100 − score) the order was decided on.</summary>
    public Rational Priority { get; init; }

    /// <summary>The reason as a sentence, with the questionnaire's names for conditions, factors and levels.</summary>
    public string Describe(Questionnaire questionnaire, Language language)
    {
        var culture = CultureInfo.GetCultureInfo(language == Language.En ? "en-GB" : "nl-NL");
        var condition = questionnaire.Condition(ConditionKey).Name[language];
        var current = questionnaire.Level(CurrentLevel).Name[language];
        var score = ScoreFormat.Points(ConditionScore, culture);

        if (FactorKey is not null && FactorScore is { } factorScore)
        {
            var factor = questionnaire.Factor(FactorKey).Name[language];
            var gap = ScoreFormat.Rounded(ConditionScore - factorScore);
            var points = gap.ToString("0", culture);
            var factorPoints = ScoreFormat.Points(factorScore, culture);
            // Full sentences with "out of 100", so that "0, 50" never reads as a decimal number, and "1 point".
            return language == Language.En
                ? $"{factor} scores {factorPoints} out of 100: {points} {(gap == 1 ? "point" : "points")} below {condition} as a whole ({score})."
                : $"{factor} scoort {factorPoints} van de 100: {points} {(gap == 1 ? "punt" : "punten")} lager dan {condition} als geheel ({score}).";
        }

        var target = TargetLevel is { } t ? questionnaire.Level(t).Name[language] : null;
        var sentence = (language, target) switch
        {
            (Language.En, null) => $"{condition} scores {score}, at the highest level ({current}): keep it there.",
            (Language.En, _) => $"{condition} scores {score}, level {CurrentLevel} ({current}); next is level {TargetLevel} ({target}).",
            (_, null) => $"{condition} scoort {score}, op het hoogste niveau ({current}): houd dat vast.",
            _ => $"{condition} scoort {score}, niveau {CurrentLevel} ({current}); de volgende stap is niveau {TargetLevel} ({target}).",
        };
        if (!IsBottleneck)
            return sentence;
        return language == Language.En
            ? sentence + " This is the bottleneck: the weakest precondition limits lasting success."
            : sentence + " Dit is de bottleneck: de zwakste randvoorwaarde begrenst blijvend succes.";
    }
}

/// <summary>One recommended next step. The first three are the priorities.</summary>
public sealed record NextStep(int Rank, bool IsPriority, AdviceDefinition Advice, NextStepReason Why)
{
    public string ConditionKey => Why.ConditionKey;

    public string? FactorKey => Why.FactorKey;
}
