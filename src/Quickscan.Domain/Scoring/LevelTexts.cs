using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>Which description of a condition's level a reader gets, by the way they came in.</summary>
public static class LevelTexts
{
    /// <summary>
    /// An employee (Survey) reads what employees notice at that level, when the version words it so; the owner
    /// team (Intake) and the report read the factual description: only the intake's answers back its facts.
    /// </summary>
    public static LocalizedText DescriptionFor(this ConditionLevelDefinition level, Track track) =>
        track == Track.Survey ? level.RespondentDescription ?? level.Description : level.Description;

    /// <summary>The description of a condition at a level (1–5) for a reader on this track.</summary>
    public static LocalizedText ConditionLevelText(this Questionnaire questionnaire, string conditionKey, int level, Track track) =>
        questionnaire.ConditionLevel(conditionKey, level).DescriptionFor(track);
}
