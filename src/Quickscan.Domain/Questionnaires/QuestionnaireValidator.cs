using System.Globalization;
namespace Quickscan.Domain.Questionnaires;

/// <summary>Checks a definition and lists every problem at once, so an editor can show them all beside their fields.</summary>
public static class QuestionnaireValidator
{
    public const int LevelCount = 5;

    /// <summary>The longest a public self-scan may be.</summary>
    public const int SelfScanMaximumScored = 15;

    public const string ContextPrefix = "context.";

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
        if (!Enum.IsDefined(definition.Kind))
            problems.Add(QuestionnaireProblem.Of("kind", "UnknownQuestionnaireKind", "The kind is quickscan or self-scan."));
        CheckText(problems, "title", definition.Title, required: true);
        CheckText(problems, "introduction", definition.Introduction, required: false);
        CheckText(problems, "intakeIntroduction", definition.IntakeIntroduction, required: false);
        CheckText(problems, "defaultPlatformName", definition.DefaultPlatformName, required: false);
        CheckSettings(problems, definition.Settings);
        CheckLevels(problems, definition.Levels);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var questions = new List<(QuestionDefinition Question, string Path, FactorDefinition? Factor)>();
        CheckContext(problems, definition.Context, keys, questions);
        CheckConditions(problems, definition.Conditions, keys, questions);
        CheckReferences(problems, definition, questions);
        CheckAdviceUnique(problems, definition.Conditions);
        if (definition.Kind == QuestionnaireKind.SelfScan)
            CheckSelfScan(problems, definition.Conditions, questions);
        return problems;
    }

    private static void CheckSettings(List<QuestionnaireProblem> problems, ScoringSettings? settings)
    {
        if (settings is null)
        {
            problems.Add(QuestionnaireProblem.Of("settings", "SettingsRequired", "Settings are required."));
            return;
        }

        if (settings.CoverageThreshold is <= 0 or > 1)
            problems.Add(QuestionnaireProblem.Of("settings.coverageThreshold", "CoverageRange", "The coverage threshold must be above 0 and at most 1."));
        if (settings.ConsensusSdThreshold is <= 0 or > 100)
            problems.Add(QuestionnaireProblem.Of("settings.consensusSdThreshold", "ConsensusRange", "The consensus threshold must be above 0 and at most 100 points."));
        if (settings.AnonymityThreshold < 1)
            problems.Add(QuestionnaireProblem.Of("settings.anonymityThreshold", "AnonymityRange", "The anonymity threshold must be at least 1."));
        if (settings.FactorLagThreshold is <= 0 or > 100)
            problems.Add(QuestionnaireProblem.Of("settings.factorLagThreshold", "FactorLagRange", "The factor lag threshold must be above 0 and at most 100 points."));
        if (settings.BenchmarkMinimum < 1)
            problems.Add(QuestionnaireProblem.Of("settings.benchmarkMinimum", "BenchmarkRange", "The benchmark minimum must be at least 1."));
        if (settings.BottleneckMargin is < 0 or > 100)
            problems.Add(QuestionnaireProblem.Of("settings.bottleneckMargin", "BottleneckMarginRange", "The bottleneck margin must be at least 0 and at most 100 points."));
        if (settings.ScanBottleneckMargin is < 0 or > 100)
            problems.Add(QuestionnaireProblem.Of("settings.scanBottleneckMargin", "BottleneckMarginRange", "The bottleneck margin must be at least 0 and at most 100 points."));
        if (settings.MinimumAnsweredShare is < 0 or > 1)
            problems.Add(QuestionnaireProblem.Of("settings.minimumAnsweredShare", "AnsweredShareRange", "The minimum answered share must be at least 0 and at most 1."));
        if (settings.MinimumSecondsPerAnswer is < 0 or > 600)
            problems.Add(QuestionnaireProblem.Of("settings.minimumSecondsPerAnswer", "SecondsPerAnswerRange", "The minimum seconds per answer must be at least 0 and at most 600."));
        if (settings.StraightLiningMinimum < 2)
            problems.Add(QuestionnaireProblem.Of("settings.straightLiningMinimum", "StraightLiningRange", "Straight-lining needs at least 2 questions to be seen."));
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
            CheckText(problems, $"{path}.description", level.Description, required: false);
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

    private static void CheckConditions(List<QuestionnaireProblem> problems, IReadOnlyList<ConditionDefinition>? conditions, HashSet<string> keys, List<(QuestionDefinition, string, FactorDefinition?)> questions)
    {
        if (conditions is null)
        {
            problems.Add(QuestionnaireProblem.Of("conditions", "ConditionsRequired", "The four conditions are required."));
            return;
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            if (condition is null)
            {
                problems.Add(QuestionnaireProblem.Of($"conditions[{i}]", "ConditionEmpty", "A condition is empty."));
                continue;
            }

            var path = $"conditions[{condition.Key ?? i.ToString(CultureInfo.InvariantCulture)}]";
            if (!ConditionKeys.All.Contains(condition.Key))
                problems.Add(QuestionnaireProblem.Of($"{path}.key", "UnknownCondition", "Unknown condition key; the keys are {0}.", string.Join(", ", ConditionKeys.All)));
            CheckUniqueKey(problems, keys, condition.Key, $"{path}.key");
            CheckWeight(problems, condition.Weight, $"{path}.weight");
            CheckText(problems, $"{path}.name", condition.Name, required: true);
            CheckText(problems, $"{path}.respondentName", condition.RespondentName, required: false);
            CheckText(problems, $"{path}.description", condition.Description, required: true);
            CheckText(problems, $"{path}.respondentIntro", condition.RespondentIntro, required: false);
            CheckConditionLevels(problems, condition.Levels, path);
            CheckFactors(problems, condition, path, keys, questions);
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
            CheckText(problems, $"{path}.respondentDescription", matches[0].RespondentDescription, required: false);
            CheckAdvice(problems, $"{path}.advice", matches[0].Advice);
        }

        foreach (var stray in levels?.Where(l => l is null || l.Level is < 1 or > LevelCount) ?? [])
            problems.Add(QuestionnaireProblem.Of($"{conditionPath}.levels", "NoSuchLevel", "There is no level {0}.", stray?.Level.ToString(CultureInfo.InvariantCulture) ?? ""));
    }

    private static void CheckFactors(List<QuestionnaireProblem> problems, ConditionDefinition condition, string conditionPath, HashSet<string> keys, List<(QuestionDefinition, string, FactorDefinition?)> questions)
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

            var path = $"{conditionPath}.factors[{factor.Key ?? i.ToString(CultureInfo.InvariantCulture)}]";
            CheckUniqueKey(problems, keys, factor.Key, $"{path}.key");
            CheckWeight(problems, factor.Weight, $"{path}.weight");
            CheckText(problems, $"{path}.name", factor.Name, required: true);
            CheckText(problems, $"{path}.description", factor.Description, required: false);
            CheckText(problems, $"{path}.respondentName", factor.RespondentName, required: false);
            CheckAdvice(problems, $"{path}.advice", factor.Advice);
            CheckText(problems, $"{path}.tip", factor.Tip, required: false);
            var scoredInFactor = CheckQuestions(problems, factor, path, keys, questions);
            var audiences = factor.Questions?.Where(q => q is not null && q.IsScored()).Select(q => q.Audience).Distinct().Count() ?? 0;
            if (audiences > 1)
                problems.Add(QuestionnaireProblem.Of($"{path}.questions", "FactorMixedAudience", "All scored questions of a factor share one audience."));
            if (scoredInFactor == 0)
                problems.Add(QuestionnaireProblem.Of($"{path}.questions", "FactorWithoutScoredQuestion", "A factor needs at least one scored question."));
            scoredQuestions += scoredInFactor;
        }

        if (scoredQuestions == 0)
            problems.Add(QuestionnaireProblem.Of($"{conditionPath}.factors", "ConditionWithoutScoredQuestion", "A condition needs at least one scored question."));
    }

    private static int CheckQuestions(List<QuestionnaireProblem> problems, FactorDefinition factor, string factorPath, HashSet<string> keys, List<(QuestionDefinition, string, FactorDefinition?)> questions)
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

            var path = $"{factorPath}.questions[{question.Key ?? i.ToString(CultureInfo.InvariantCulture)}]";
            questions.Add((question, path, factor));
            CheckUniqueKey(problems, keys, question.Key, $"{path}.key");
            CheckText(problems, $"{path}.text", question.Text, required: true);
            CheckText(problems, $"{path}.help", question.Help, required: false);
            CheckRouting(problems, question, path);
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

    private static void CheckOptions(List<QuestionnaireProblem> problems, IReadOnlyList<OptionDefinition>? options, string questionPath, bool scored = true)
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

            var path = $"{questionPath}.options[{option.Key ?? i.ToString(CultureInfo.InvariantCulture)}]";
            CheckUniqueKey(problems, keys, option.Key, $"{path}.key");
            CheckText(problems, $"{path}.label", option.Label, required: true);
            if (!scored)
            {
                if (option.Score is not null || option.Level is not null || option.Variants is { Count: > 0 })
                    problems.Add(QuestionnaireProblem.Of(path, "ContextOptionScored", "A context question is not scored: its options have no score, level or variants."));
                continue;
            }

            if (option.Score is null)
                problems.Add(QuestionnaireProblem.Of($"{path}.score", "OptionWithoutScore", "Every option needs a score."));
            else if (option.Score is < 0 or > 100)
                problems.Add(QuestionnaireProblem.Of($"{path}.score", "ScoreRange", "A score lies between 0 and 100."));
            if (option.Level is < 1 or > LevelCount)
                problems.Add(QuestionnaireProblem.Of($"{path}.level", "OptionLevelRange", "A level lies between 1 and {0}.", LevelCount));
            var variants = option.Variants ?? [];
            for (var v = 0; v < variants.Count; v++)
            {
                var variant = variants[v];
                var variantPath = $"{path}.variants[{v}]";
                if (variant is null)
                {
                    problems.Add(QuestionnaireProblem.Of(variantPath, "VariantEmpty", "A variant is empty."));
                    continue;
                }

                if (variant.Score is null)
                    problems.Add(QuestionnaireProblem.Of($"{variantPath}.score", "OptionWithoutScore", "Every option needs a score."));
                else if (variant.Score is < 0 or > 100)
                    problems.Add(QuestionnaireProblem.Of($"{variantPath}.score", "ScoreRange", "A score lies between 0 and 100."));
                if (variant.Level is < 1 or > LevelCount)
                    problems.Add(QuestionnaireProblem.Of($"{variantPath}.level", "OptionLevelRange", "A level lies between 1 and {0}.", LevelCount));
                if ((variant.Level is null) != (option.Level is null))
                    problems.Add(QuestionnaireProblem.Of($"{variantPath}.level", "VariantLevelMismatch", "A variant declares a level exactly when its option does."));
            }
        }

        var withLevel = options.Count(o => o?.Level is not null);
        if (withLevel > 0 && withLevel < options.Count)
            problems.Add(QuestionnaireProblem.Of($"{questionPath}.options", "LadderIncomplete", "Either every option declares a level or none does."));
    }

    private static void CheckContext(List<QuestionnaireProblem> problems, IReadOnlyList<QuestionDefinition>? context, HashSet<string> keys, List<(QuestionDefinition, string, FactorDefinition?)> questions)
    {
        for (var i = 0; i < (context?.Count ?? 0); i++)
        {
            var question = context![i];
            if (question is null)
            {
                problems.Add(QuestionnaireProblem.Of($"context[{i}]", "QuestionEmpty", "A question is empty."));
                continue;
            }

            var path = $"context[{question.Key ?? i.ToString(CultureInfo.InvariantCulture)}]";
            questions.Add((question, path, null));
            CheckUniqueKey(problems, keys, question.Key, $"{path}.key");
            if (question.Key is { } key && !key.StartsWith(ContextPrefix, StringComparison.Ordinal))
                problems.Add(QuestionnaireProblem.Of($"{path}.key", "ContextKeyPrefix", "A context question's key starts with '{0}'.", ContextPrefix));
            CheckText(problems, $"{path}.text", question.Text, required: true);
            CheckText(problems, $"{path}.help", question.Help, required: false);
            CheckRouting(problems, question, path);
            if (question.Kind is not (QuestionKind.SingleChoice or QuestionKind.OpenText))
                problems.Add(QuestionnaireProblem.Of($"{path}.kind", "ContextKind", "A context question is single-choice or open-text."));
            if (question.Kind == QuestionKind.SingleChoice)
                CheckOptions(problems, question.Options, path, scored: false);
            else if (question.Options is { Count: > 0 })
                problems.Add(QuestionnaireProblem.Of($"{path}.options", "OptionsNotChoice", "Only single-choice questions have options."));
            if (question.Reversed)
                problems.Add(QuestionnaireProblem.Of($"{path}.reversed", "ReversedNotAgreement", "Only agreement questions can be reverse-scored."));
        }
    }

    /// <summary>The checks of a question's own routing fields; references to other questions come later, when all are known.</summary>
    private static void CheckRouting(List<QuestionnaireProblem> problems, QuestionDefinition question, string path)
    {
        if (!Enum.IsDefined(question.Audience))
            problems.Add(QuestionnaireProblem.Of($"{path}.audience", "UnknownAudience", "The audience is everyone or owner."));
        if (question.RoleGroups is { } groups)
        {
            if (groups.Count == 0)
                problems.Add(QuestionnaireProblem.Of($"{path}.roleGroups", "RoleGroupsEmpty", "Leave out roleGroups to ask every role group; an empty list asks no one."));
            foreach (var group in groups.Where(g => !RoleGroupKeys.All.Contains(g)))
                problems.Add(QuestionnaireProblem.Of($"{path}.roleGroups", "UnknownRoleGroup", "Unknown role group '{0}'; the role groups are {1}.", group ?? "", string.Join(", ", RoleGroupKeys.All)));
            if (groups.Distinct(StringComparer.Ordinal).Count() != groups.Count)
                problems.Add(QuestionnaireProblem.Of($"{path}.roleGroups", "RoleGroupTwice", "A role group is listed more than once."));
        }

        if (question.ShowIf is { } showIf && (showIf.Options is null || showIf.Options.Count == 0 || string.IsNullOrWhiteSpace(showIf.Question)))
            problems.Add(QuestionnaireProblem.Of($"{path}.showIf", "MatchIncomplete", "A rule (showIf or when) names a question and at least one of its options."));
    }

    /// <summary>showIf and variants refer to other questions; ladder options must sit in their level's band.</summary>
    private static void CheckReferences(List<QuestionnaireProblem> problems, QuestionnaireDefinition definition, List<(QuestionDefinition Question, string Path, FactorDefinition? Factor)> questions)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            if (questions[i].Question.Key is { } key)
                position.TryAdd(key, i);
        }

        var levels = definition.Levels?.Where(l => l is not null).ToList() ?? [];
        for (var i = 0; i < questions.Count; i++)
        {
            var (question, path, factor) = questions[i];
            if (question.ShowIf is { Question: not null, Options: { Count: > 0 } } showIf)
            {
                var target = CheckMatch(problems, showIf, $"{path}.showIf", questions, position);
                if (target is not null && position[showIf.Question] >= i)
                    problems.Add(QuestionnaireProblem.Of($"{path}.showIf.question", "ShowIfNotEarlier", "A question can only depend on an earlier question."));
                else if (target is { } t && factor is not null && question.Audience == Audience.Everyone
                    && (t.Factor is null || t.Question.Audience == Audience.Owner))
                    problems.Add(QuestionnaireProblem.Of($"{path}.showIf.question", "ShowIfNeverAsked", "The employee survey never asks '{0}', so this question would never be shown there.", showIf.Question));
            }

            foreach (var (option, o) in (question.Options ?? []).Select((o, n) => (o, n)))
            {
                if (option is null || factor is null)
                    continue;
                var optionPath = $"{path}.options[{option.Key ?? o.ToString(CultureInfo.InvariantCulture)}]";
                CheckBand(problems, optionPath, option.Score, option.Level, levels);
                foreach (var (variant, v) in (option.Variants ?? []).Select((x, n) => (x, n)))
                {
                    if (variant is null)
                        continue;
                    var variantPath = $"{optionPath}.variants[{v}]";
                    if (variant.When is null || string.IsNullOrWhiteSpace(variant.When.Question) || variant.When.Options is not { Count: > 0 })
                        problems.Add(QuestionnaireProblem.Of($"{variantPath}.when", "MatchIncomplete", "A rule (showIf or when) names a question and at least one of its options."));
                    else if (CheckMatch(problems, variant.When, $"{variantPath}.when", questions, position) is { } target && target.Question.Key == question.Key)
                        problems.Add(QuestionnaireProblem.Of($"{variantPath}.when.question", "ShowIfNotEarlier", "A question can only depend on an earlier question."));
                    CheckBand(problems, variantPath, variant.Score, variant.Level, levels);
                }
            }
        }
    }

    private static (QuestionDefinition Question, string Path, FactorDefinition? Factor)? CheckMatch(
        List<QuestionnaireProblem> problems,
        AnswerMatch match,
        string path,
        List<(QuestionDefinition Question, string Path, FactorDefinition? Factor)> questions,
        Dictionary<string, int> position)
    {
        if (!position.TryGetValue(match.Question, out var at))
        {
            problems.Add(QuestionnaireProblem.Of($"{path}.question", "MatchUnknownQuestion", "There is no question '{0}'.", match.Question));
            return null;
        }

        var target = questions[at];
        if (target.Question.Kind != QuestionKind.SingleChoice)
        {
            problems.Add(QuestionnaireProblem.Of($"{path}.question", "MatchNotChoice", "A rule (showIf or when) can only depend on a single-choice question."));
            return null;
        }

        foreach (var option in match.Options.Where(o => target.Question.Options?.Any(x => x?.Key == o) != true))
            problems.Add(QuestionnaireProblem.Of($"{path}.options", "MatchUnknownOption", "'{0}' has no option '{1}'.", match.Question, option ?? ""));
        return target;
    }

    /// <summary>A ladder option's score lies in the band of the level it declares: from ≤ score &lt; to, 100 only in the top level.</summary>
    private static void CheckBand(List<QuestionnaireProblem> problems, string path, decimal? score, int? level, List<LevelDefinition> levels)
    {
        if (score is not { } value || level is not { } number || levels.FirstOrDefault(l => l.Number == number) is not { } band)
            return;
        var top = number == levels.Max(l => l.Number);
        if (value < band.From || value > band.To || (value == band.To && !top))
            problems.Add(QuestionnaireProblem.Of($"{path}.score", "ScoreOutsideLevel", "The score {0} lies outside level {1} ({2} to {3}).", value, number, band.From, band.To));
    }

    private static void CheckAdvice(List<QuestionnaireProblem> problems, string path, AdviceDefinition? advice)
    {
        if (advice is null)
        {
            problems.Add(QuestionnaireProblem.Of(path, "TextRequired", "A text in Dutch and English is required."));
            return;
        }

        CheckText(problems, $"{path}.text", advice.Text, required: true);
        CheckText(problems, $"{path}.owner", advice.Owner, required: false);
        if (advice.HorizonDays is { } days && !AdviceDefinition.Horizons.Contains(days))
            problems.Add(QuestionnaireProblem.Of($"{path}.horizonDays", "HorizonNotAllowed", "The horizon is one of {0} days.", string.Join(", ", AdviceDefinition.Horizons)));
    }

    /// <summary>No two advice texts the same, in either language: each step of advice must say something of its own.</summary>
    private static void CheckAdviceUnique(List<QuestionnaireProblem> problems, IReadOnlyList<ConditionDefinition>? conditions)
    {
        var advice = new List<(string Path, AdviceDefinition Advice)>();
        foreach (var condition in conditions?.Where(c => c is not null) ?? [])
        {
            var path = $"conditions[{condition.Key}]";
            advice.AddRange((condition.Levels ?? []).Where(l => l?.Advice?.Text is not null).Select(l => ($"{path}.levels[{l.Level}].advice", l.Advice)));
            advice.AddRange((condition.Factors ?? []).Where(f => f?.Advice?.Text is not null).Select(f => ($"{path}.factors[{f.Key}].advice", f.Advice)));
        }

        foreach (var language in Languages.All)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, item) in advice)
            {
                var text = item.Text[language]?.Trim();
                if (string.IsNullOrEmpty(text))
                    continue;
                if (!seen.TryAdd(text, path))
                    problems.Add(QuestionnaireProblem.Of($"{path}.text.{language.Code()}", "AdviceRepeated", "The same advice is already given at {0}.", seen[text]));
            }
        }
    }

    private static void CheckSelfScan(List<QuestionnaireProblem> problems, IReadOnlyList<ConditionDefinition>? conditions, List<(QuestionDefinition Question, string Path, FactorDefinition? Factor)> questions)
    {
        foreach (var (question, path, _) in questions)
        {
            if (question.Audience != Audience.Everyone)
                problems.Add(QuestionnaireProblem.Of($"{path}.audience", "SelfScanAudience", "Every question of a self-scan is asked of everyone."));
            if (question.RoleGroups is not null)
                problems.Add(QuestionnaireProblem.Of($"{path}.roleGroups", "SelfScanRoleGroups", "A self-scan asks every question of everyone, whatever their role."));
        }

        var scored = questions.Count(q => q.Factor is not null && Enum.IsDefined(q.Question.Kind) && q.Question.IsScored());
        if (scored > SelfScanMaximumScored)
            problems.Add(QuestionnaireProblem.Of("conditions", "SelfScanTooLong", "A self-scan has at most {0} scored questions; this one has {1}.", SelfScanMaximumScored, scored));
        foreach (var condition in conditions?.Where(c => c?.Factors is not null) ?? [])
        {
            var covered = condition.Factors.Where(f => f?.Questions is not null).SelectMany(f => f.Questions)
                .Any(q => q is not null && Enum.IsDefined(q.Kind) && q.IsScored() && q.ShowIf is null && q.RoleGroups is null);
            if (!covered)
                problems.Add(QuestionnaireProblem.Of($"conditions[{condition.Key}]", "SelfScanUncovered", "Every condition of a self-scan needs a scored question that everyone is asked."));
        }
    }

    private static void CheckUniqueKey(List<QuestionnaireProblem> problems, HashSet<string> keys, string? key, string path)
    {
        if (string.IsNullOrWhiteSpace(key))
            problems.Add(QuestionnaireProblem.Of(path, "KeyRequired", "A key is required."));
        else if (!keys.Add(key))
            problems.Add(QuestionnaireProblem.Of(path, "DuplicateKey", "The key '{0}' is used more than once.", key));
    }

    private static void CheckWeight(List<QuestionnaireProblem> problems, decimal weight, string path)
    {
        if (weight <= 0)
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
