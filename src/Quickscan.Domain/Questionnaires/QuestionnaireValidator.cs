namespace Quickscan.Domain.Questionnaires;

/// <summary>Checks a definition and lists every problem at once, so an editor can show them all beside their fields.</summary>
public static class QuestionnaireValidator
{
    public const int LevelCount = 5;

    public static IReadOnlyList<QuestionnaireProblem> Validate(QuestionnaireDefinition? definition)
    {
        var problems = new List<QuestionnaireProblem>();
        if (definition is null)
        {
            problems.Add(QuestionnaireProblem.Of("", "Empty", "The definition is empty."));
            return problems;
        }

        if (string.IsNullOrWhiteSpace(definition.Key))
            problems.Add(QuestionnaireProblem.Of("key", "KeyRequired", "A key is required."));
        if (definition.Version < 1)
            problems.Add(QuestionnaireProblem.Of("version", "VersionTooLow", "The version must be 1 or higher."));
        CheckText(problems, "title", definition.Title, required: true);
        CheckText(problems, "introduction", definition.Introduction, required: false);
        CheckSettings(problems, definition.Settings);
        CheckLevels(problems, definition.Levels);
        CheckConditions(problems, definition.Conditions);
        return problems;
    }

    private static void CheckSettings(List<QuestionnaireProblem> problems, ScoringSettings? settings)
    {
        if (settings is null)
        {
            problems.Add(QuestionnaireProblem.Of("settings", "SettingsRequired", "Settings are required."));
            return;
        }

        if (settings.CoverageThreshold is <= 0 or > 1 || double.IsNaN(settings.CoverageThreshold))
            problems.Add(QuestionnaireProblem.Of("settings.coverageThreshold", "CoverageRange", "The coverage threshold must be above 0 and at most 1."));
        if (settings.ConsensusSdThreshold is <= 0 or > 100 || double.IsNaN(settings.ConsensusSdThreshold))
            problems.Add(QuestionnaireProblem.Of("settings.consensusSdThreshold", "ConsensusRange", "The consensus threshold must be above 0 and at most 100 points."));
        if (settings.AnonymityThreshold < 1)
            problems.Add(QuestionnaireProblem.Of("settings.anonymityThreshold", "AnonymityRange", "The anonymity threshold must be at least 1."));
        if (settings.FactorLagThreshold is <= 0 or > 100 || double.IsNaN(settings.FactorLagThreshold))
            problems.Add(QuestionnaireProblem.Of("settings.factorLagThreshold", "FactorLagRange", "The factor lag threshold must be above 0 and at most 100 points."));
        if (settings.BenchmarkMinimum < 1)
            problems.Add(QuestionnaireProblem.Of("settings.benchmarkMinimum", "BenchmarkRange", "The benchmark minimum must be at least 1."));
    }

    private static void CheckLevels(List<QuestionnaireProblem> problems, IReadOnlyList<LevelDefinition>? levels)
    {
        if (levels is null || levels.Count != LevelCount)
        {
            problems.Add(QuestionnaireProblem.Of("levels", "LevelCount", "There must be exactly {0} maturity levels.", LevelCount));
            if (levels is null)
                return;
        }

        var ordered = levels.Where(l => l is not null).OrderBy(l => l.From).ToList();
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            var path = $"levels[{i}]";
            if (level is null)
            {
                problems.Add(QuestionnaireProblem.Of(path, "LevelEmpty", "A level is empty."));
                continue;
            }

            if (level.Number != i + 1)
                problems.Add(QuestionnaireProblem.Of($"{path}.number", "LevelNumber", "Level {0} must have number {0}.", i + 1));
            CheckText(problems, $"{path}.name", level.Name, required: true);
            if (!(level.From < level.To))
                problems.Add(QuestionnaireProblem.Of($"{path}.to", "LevelEndsBelowStart", "A level must end above where it starts."));
        }

        if (ordered.Count == 0)
            return;
        if (ordered[0].From != 0)
            problems.Add(QuestionnaireProblem.Of($"levels[{ordered[0].Number - 1}].from", "LowestLevelStart", "The lowest level must start at 0."));
        if (ordered[^1].To != 100)
            problems.Add(QuestionnaireProblem.Of($"levels[{ordered[^1].Number - 1}].to", "HighestLevelEnd", "The highest level must end at 100."));
        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = ordered[i - 1];
            var current = ordered[i];
            if (current.From > previous.To)
                problems.Add(QuestionnaireProblem.Of($"levels[{current.Number - 1}].from", "LevelGap", "Gap between {0} and {1}: every score must fall in a level.", previous.To, current.From));
            else if (current.From < previous.To)
                problems.Add(QuestionnaireProblem.Of($"levels[{current.Number - 1}].from", "LevelOverlap", "Overlaps the level below, which ends at {0}.", previous.To));
            if (current.Number < previous.Number)
                problems.Add(QuestionnaireProblem.Of($"levels[{current.Number - 1}]", "LevelOrder", "Levels must go up in number as their scores go up."));
        }
    }

    private static void CheckConditions(List<QuestionnaireProblem> problems, IReadOnlyList<ConditionDefinition>? conditions)
    {
        if (conditions is null)
        {
            problems.Add(QuestionnaireProblem.Of("conditions", "ConditionsRequired", "The four conditions are required."));
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            if (condition is null)
            {
                problems.Add(QuestionnaireProblem.Of($"conditions[{i}]", "ConditionEmpty", "A condition is empty."));
                continue;
            }

            var path = $"conditions[{condition.Key ?? i.ToString()}]";
            if (!ConditionKeys.All.Contains(condition.Key))
                problems.Add(QuestionnaireProblem.Of($"{path}.key", "UnknownCondition", "Unknown condition key; the keys are {0}.", string.Join(", ", ConditionKeys.All)));
            CheckUniqueKey(problems, keys, condition.Key, $"{path}.key");
            CheckWeight(problems, condition.Weight, $"{path}.weight");
            CheckText(problems, $"{path}.name", condition.Name, required: true);
            CheckText(problems, $"{path}.description", condition.Description, required: true);
            CheckConditionLevels(problems, condition.Levels, path);
            CheckFactors(problems, condition, path, keys);
        }

        foreach (var missing in ConditionKeys.All.Where(k => !conditions.Any(c => c?.Key == k)))
            problems.Add(QuestionnaireProblem.Of("conditions", "ConditionMissing", "The condition '{0}' is missing.", missing));
    }

    private static void CheckConditionLevels(List<QuestionnaireProblem> problems, IReadOnlyList<ConditionLevelDefinition>? levels, string conditionPath)
    {
        for (var number = 1; number <= LevelCount; number++)
        {
            var path = $"{conditionPath}.levels[{number}]";
            var matches = levels?.Where(l => l?.Level == number).ToList() ?? [];
            if (matches.Count == 0)
            {
                problems.Add(QuestionnaireProblem.Of(path, "ConditionLevelMissing", "Level {0} needs a description and advice.", number));
                continue;
            }

            if (matches.Count > 1)
                problems.Add(QuestionnaireProblem.Of(path, "ConditionLevelTwice", "Level {0} is described more than once.", number));
            CheckText(problems, $"{path}.description", matches[0].Description, required: true);
            CheckText(problems, $"{path}.advice", matches[0].Advice, required: true);
        }

        foreach (var stray in levels?.Where(l => l is null || l.Level is < 1 or > LevelCount) ?? [])
            problems.Add(QuestionnaireProblem.Of($"{conditionPath}.levels", "NoSuchLevel", "There is no level {0}.", stray?.Level.ToString() ?? ""));
    }

    private static void CheckFactors(List<QuestionnaireProblem> problems, ConditionDefinition condition, string conditionPath, HashSet<string> keys)
    {
        if (condition.Factors is null || condition.Factors.Count == 0)
        {
            problems.Add(QuestionnaireProblem.Of($"{conditionPath}.factors", "ConditionWithoutFactors", "A condition needs at least one factor."));
            return;
        }

        var scoredQuestions = 0;
        for (var i = 0; i < condition.Factors.Count; i++)
        {
            var factor = condition.Factors[i];
            if (factor is null)
            {
                problems.Add(QuestionnaireProblem.Of($"{conditionPath}.factors[{i}]", "FactorEmpty", "A factor is empty."));
                continue;
            }

            var path = $"{conditionPath}.factors[{factor.Key ?? i.ToString()}]";
            CheckUniqueKey(problems, keys, factor.Key, $"{path}.key");
            CheckWeight(problems, factor.Weight, $"{path}.weight");
            CheckText(problems, $"{path}.name", factor.Name, required: true);
            CheckText(problems, $"{path}.description", factor.Description, required: false);
            CheckText(problems, $"{path}.advice", factor.Advice, required: true);
            var scoredInFactor = CheckQuestions(problems, factor, path, keys);
            if (scoredInFactor == 0)
                problems.Add(QuestionnaireProblem.Of($"{path}.questions", "FactorWithoutScoredQuestion", "A factor needs at least one scored question."));
            scoredQuestions += scoredInFactor;
        }

        if (scoredQuestions == 0)
            problems.Add(QuestionnaireProblem.Of($"{conditionPath}.factors", "ConditionWithoutScoredQuestion", "A condition needs at least one scored question."));
    }

    private static int CheckQuestions(List<QuestionnaireProblem> problems, FactorDefinition factor, string factorPath, HashSet<string> keys)
    {
        var scored = 0;
        if (factor.Questions is null)
            return 0;
        for (var i = 0; i < factor.Questions.Count; i++)
        {
            var question = factor.Questions[i];
            if (question is null)
            {
                problems.Add(QuestionnaireProblem.Of($"{factorPath}.questions[{i}]", "QuestionEmpty", "A question is empty."));
                continue;
            }

            var path = $"{factorPath}.questions[{question.Key ?? i.ToString()}]";
            CheckUniqueKey(problems, keys, question.Key, $"{path}.key");
            CheckText(problems, $"{path}.text", question.Text, required: true);
            CheckText(problems, $"{path}.help", question.Help, required: false);
            if (!Enum.IsDefined(question.Kind))
            {
                problems.Add(QuestionnaireProblem.Of($"{path}.kind", "UnknownKind", "Unknown question kind."));
                continue;
            }

            if (question.Kind != QuestionKind.OpenText)
            {
                scored++;
                CheckWeight(problems, question.Weight, $"{path}.weight");
            }

            if (question.Reversed && question.Kind != QuestionKind.Agreement)
                problems.Add(QuestionnaireProblem.Of($"{path}.reversed", "ReversedNotAgreement", "Only agreement questions can be reverse-scored."));
            if (question.Kind == QuestionKind.SingleChoice)
                CheckOptions(problems, question.Options, path);
            else if (question.Options is { Count: > 0 })
                problems.Add(QuestionnaireProblem.Of($"{path}.options", "OptionsNotChoice", "Only single-choice questions have options."));
        }

        return scored;
    }

    private static void CheckOptions(List<QuestionnaireProblem> problems, IReadOnlyList<OptionDefinition>? options, string questionPath)
    {
        if (options is null || options.Count < 2)
        {
            problems.Add(QuestionnaireProblem.Of($"{questionPath}.options", "TooFewOptions", "A single-choice question needs at least two options."));
            if (options is null)
                return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option is null)
            {
                problems.Add(QuestionnaireProblem.Of($"{questionPath}.options[{i}]", "OptionEmpty", "An option is empty."));
                continue;
            }

            var path = $"{questionPath}.options[{option.Key ?? i.ToString()}]";
            CheckUniqueKey(problems, keys, option.Key, $"{path}.key");
            CheckText(problems, $"{path}.label", option.Label, required: true);
            if (option.Score is null)
                problems.Add(QuestionnaireProblem.Of($"{path}.score", "OptionWithoutScore", "Every option needs a score."));
            else if (option.Score is < 0 or > 100 || double.IsNaN(option.Score.Value))
                problems.Add(QuestionnaireProblem.Of($"{path}.score", "ScoreRange", "A score lies between 0 and 100."));
        }
    }

    private static void CheckUniqueKey(List<QuestionnaireProblem> problems, HashSet<string> keys, string? key, string path)
    {
        if (string.IsNullOrWhiteSpace(key))
            problems.Add(QuestionnaireProblem.Of(path, "KeyRequired", "A key is required."));
        else if (!keys.Add(key))
            problems.Add(QuestionnaireProblem.Of(path, "DuplicateKey", "The key '{0}' is used more than once.", key));
    }

    private static void CheckWeight(List<QuestionnaireProblem> problems, double weight, string path)
    {
        if (!(weight > 0) || double.IsInfinity(weight))
            problems.Add(QuestionnaireProblem.Of(path, "WeightNotPositive", "A weight must be above 0."));
    }

    private static void CheckText(List<QuestionnaireProblem> problems, string path, LocalizedText? text, bool required)
    {
        if (text is null)
        {
            if (required)
                problems.Add(QuestionnaireProblem.Of(path, "TextRequired", "A text in Dutch and English is required."));
            return;
        }

        if (string.IsNullOrWhiteSpace(text.Nl))
            problems.Add(QuestionnaireProblem.Of($"{path}.nl", "DutchMissing", "The Dutch text is missing."));
        if (string.IsNullOrWhiteSpace(text.En))
            problems.Add(QuestionnaireProblem.Of($"{path}.en", "EnglishMissing", "The English text is missing."));
    }
}
