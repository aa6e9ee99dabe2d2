using System.Globalization;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Comparisons;

public enum DefinitionChangeKind
{
    /// <summary>Wording only: a text in Dutch or English.</summary>
    TextChanged,
    Added,
    Removed,
    Moved,
    WeightChanged,
    ThresholdChanged,

    /// <summary>Anything else that scores differently: a question's kind, reversal, an option's score, an option added or removed.</summary>
    ScoringChanged,
    SettingChanged,
}

/// <summary>One difference between two questionnaire definitions, at a path in the validator's style.</summary>
public sealed record DefinitionChange(DefinitionChangeKind Kind, string Path, string? Before, string? After)
{
    public bool IsWording => Kind == DefinitionChangeKind.TextChanged;
}

/// <summary>
/// What changed between two versions of a questionnaire: texts, questions added, removed or moved,
/// weights, thresholds, scoring and settings. A change of wording only can't change any score.
/// </summary>
public static class DefinitionDiff
{
    public static bool IsWordingOnly(IReadOnlyList<DefinitionChange> changes) => changes.All(c => c.IsWording);

    public static IReadOnlyList<DefinitionChange> Compare(QuestionnaireDefinition before, QuestionnaireDefinition after)
    {
        var changes = new List<DefinitionChange>();
        Text(changes, "title", before.Title, after.Title);
        Text(changes, "introduction", before.Introduction, after.Introduction);
        Settings(changes, before.Settings, after.Settings);
        Levels(changes, before.Levels, after.Levels);
        Conditions(changes, before.Conditions, after.Conditions);
        return changes;
    }

    private static void Settings(List<DefinitionChange> changes, ScoringSettings before, ScoringSettings after)
    {
        Setting(changes, "coverageThreshold", before.CoverageThreshold, after.CoverageThreshold);
        Setting(changes, "consensusSdThreshold", before.ConsensusSdThreshold, after.ConsensusSdThreshold);
        Setting(changes, "anonymityThreshold", before.AnonymityThreshold, after.AnonymityThreshold);
        Setting(changes, "factorLagThreshold", before.FactorLagThreshold, after.FactorLagThreshold);
        Setting(changes, "benchmarkMinimum", before.BenchmarkMinimum, after.BenchmarkMinimum);
        Setting(changes, "bottleneckMargin", before.BottleneckMargin, after.BottleneckMargin);
        Setting(changes, "scanBottleneckMargin", before.ScanBottleneckMargin, after.ScanBottleneckMargin);
        Setting(changes, "minimumAnsweredShare", before.MinimumAnsweredShare, after.MinimumAnsweredShare);
        Setting(changes, "minimumSecondsPerAnswer", before.MinimumSecondsPerAnswer, after.MinimumSecondsPerAnswer);
        Setting(changes, "straightLiningMinimum", before.StraightLiningMinimum, after.StraightLiningMinimum);
    }

    private static void Setting(List<DefinitionChange> changes, string name, decimal before, decimal after)
    {
        if (before != after)
            changes.Add(new(DefinitionChangeKind.SettingChanged, $"settings.{name}", Number(before), Number(after)));
    }

    private static void Levels(List<DefinitionChange> changes, IReadOnlyList<LevelDefinition> before, IReadOnlyList<LevelDefinition> after)
    {
        foreach (var level in after)
        {
            var path = $"levels[{level.Number - 1}]";
            var old = before.FirstOrDefault(l => l.Number == level.Number);
            if (old is null)
            {
                changes.Add(new(DefinitionChangeKind.Added, path, null, level.Name.Nl));
                continue;
            }

            Text(changes, $"{path}.name", old.Name, level.Name);
            if (old.From != level.From)
                changes.Add(new(DefinitionChangeKind.ThresholdChanged, $"{path}.from", Number(old.From), Number(level.From)));
            if (old.To != level.To)
                changes.Add(new(DefinitionChangeKind.ThresholdChanged, $"{path}.to", Number(old.To), Number(level.To)));
        }

        foreach (var removed in before.Where(l => after.All(a => a.Number != l.Number)))
            changes.Add(new(DefinitionChangeKind.Removed, $"levels[{removed.Number - 1}]", removed.Name.Nl, null));
    }

    private static void Conditions(List<DefinitionChange> changes, IReadOnlyList<ConditionDefinition> before, IReadOnlyList<ConditionDefinition> after)
    {
        var beforeFactors = before.SelectMany(c => c.Factors.Select((f, i) => (Condition: c.Key, Factor: f, Index: i))).ToDictionary(x => x.Factor.Key);
        var beforeQuestions = before.SelectMany(c => c.Factors).SelectMany(f => f.Questions.Select((q, i) => (Factor: f.Key, Question: q, Index: i))).ToDictionary(x => x.Question.Key);
        var afterFactors = after.SelectMany(c => c.Factors).Select(f => f.Key).ToHashSet();
        var afterQuestions = after.SelectMany(c => c.Factors).SelectMany(f => f.Questions).Select(q => q.Key).ToHashSet();

        foreach (var condition in after)
        {
            var path = $"conditions[{condition.Key}]";
            var old = before.FirstOrDefault(c => c.Key == condition.Key);
            if (old is null)
            {
                changes.Add(new(DefinitionChangeKind.Added, path, null, condition.Name.Nl));
                continue;
            }

            if (old.Weight != condition.Weight)
                changes.Add(new(DefinitionChangeKind.WeightChanged, $"{path}.weight", Number(old.Weight), Number(condition.Weight)));
            Text(changes, $"{path}.name", old.Name, condition.Name);
            Text(changes, $"{path}.description", old.Description, condition.Description);
            foreach (var level in condition.Levels)
            {
                var oldLevel = old.Levels.FirstOrDefault(l => l.Level == level.Level);
                if (oldLevel is null)
                    continue;
                Text(changes, $"{path}.levels[{level.Level}].description", oldLevel.Description, level.Description);
                Text(changes, $"{path}.levels[{level.Level}].respondentDescription", oldLevel.RespondentDescription, level.RespondentDescription);
                Advice(changes, $"{path}.levels[{level.Level}].advice", oldLevel.Advice, level.Advice);
            }

            for (var i = 0; i < condition.Factors.Count; i++)
                Factor(changes, path, condition.Key, condition.Factors[i], i, beforeFactors, beforeQuestions);
        }

        foreach (var (key, removed) in beforeFactors.Where(x => !afterFactors.Contains(x.Key)))
            changes.Add(new(DefinitionChangeKind.Removed, $"conditions[{removed.Condition}].factors[{key}]", removed.Factor.Name.Nl, null));
        foreach (var (key, removed) in beforeQuestions.Where(x => !afterQuestions.Contains(x.Key)))
            changes.Add(new(DefinitionChangeKind.Removed, $"factors[{removed.Factor}].questions[{key}]", removed.Question.Text.Nl, null));
        foreach (var removed in before.Where(c => after.All(a => a.Key != c.Key)))
            changes.Add(new(DefinitionChangeKind.Removed, $"conditions[{removed.Key}]", removed.Name.Nl, null));
    }

    private static void Factor(
        List<DefinitionChange> changes,
        string conditionPath,
        string conditionKey,
        FactorDefinition factor,
        int index,
        Dictionary<string, (string Condition, FactorDefinition Factor, int Index)> beforeFactors,
        Dictionary<string, (string Factor, QuestionDefinition Question, int Index)> beforeQuestions)
    {
        var path = $"{conditionPath}.factors[{factor.Key}]";
        if (!beforeFactors.TryGetValue(factor.Key, out var old))
        {
            changes.Add(new(DefinitionChangeKind.Added, path, null, factor.Name.Nl));
        }
        else
        {
            if (old.Condition != conditionKey || old.Index != index)
                changes.Add(new(DefinitionChangeKind.Moved, path, $"{old.Condition} #{old.Index + 1}", $"{conditionKey} #{index + 1}"));
            if (old.Factor.Weight != factor.Weight)
                changes.Add(new(DefinitionChangeKind.WeightChanged, $"{path}.weight", Number(old.Factor.Weight), Number(factor.Weight)));
            Text(changes, $"{path}.name", old.Factor.Name, factor.Name);
            Text(changes, $"{path}.description", old.Factor.Description, factor.Description);
            Advice(changes, $"{path}.advice", old.Factor.Advice, factor.Advice);
            Text(changes, $"{path}.tip", old.Factor.Tip, factor.Tip);
            Text(changes, $"{path}.respondentName", old.Factor.RespondentName, factor.RespondentName);
        }

        for (var i = 0; i < factor.Questions.Count; i++)
            Question(changes, path, factor.Key, factor.Questions[i], i, beforeQuestions);
    }

    private static void Question(
        List<DefinitionChange> changes,
        string factorPath,
        string factorKey,
        QuestionDefinition question,
        int index,
        Dictionary<string, (string Factor, QuestionDefinition Question, int Index)> beforeQuestions)
    {
        var path = $"{factorPath}.questions[{question.Key}]";
        if (!beforeQuestions.TryGetValue(question.Key, out var old))
        {
            changes.Add(new(DefinitionChangeKind.Added, path, null, question.Text.Nl));
            return;
        }

        var before = old.Question;
        if (old.Factor != factorKey || old.Index != index)
            changes.Add(new(DefinitionChangeKind.Moved, path, $"{old.Factor} #{old.Index + 1}", $"{factorKey} #{index + 1}"));
        if (before.Kind != question.Kind)
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.kind", before.Kind.ToString(), question.Kind.ToString()));
        if (before.Weight != question.Weight)
            changes.Add(new(DefinitionChangeKind.WeightChanged, $"{path}.weight", Number(before.Weight), Number(question.Weight)));
        if (before.Reversed != question.Reversed)
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.reversed", before.Reversed.ToString(), question.Reversed.ToString()));
        Text(changes, $"{path}.text", before.Text, question.Text);
        Text(changes, $"{path}.help", before.Help, question.Help);
        Routing(changes, path, before, question);
        Options(changes, path, before.Options ?? [], question.Options ?? []);
    }

    private static void Options(List<DefinitionChange> changes, string questionPath, IReadOnlyList<OptionDefinition> before, IReadOnlyList<OptionDefinition> after)
    {
        for (var i = 0; i < after.Count; i++)
        {
            var option = after[i];
            var path = $"{questionPath}.options[{option.Key}]";
            var oldIndex = before.ToList().FindIndex(o => o.Key == option.Key);
            if (oldIndex < 0)
            {
                changes.Add(new(DefinitionChangeKind.ScoringChanged, path, null, option.Label.Nl));
                continue;
            }

            var old = before[oldIndex];
            if (oldIndex != i)
                changes.Add(new(DefinitionChangeKind.Moved, path, $"#{oldIndex + 1}", $"#{i + 1}"));
            if (old.Score != option.Score)
                changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.score", Number(old.Score), Number(option.Score)));
            if (old.Level != option.Level)
                changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.level", old.Level?.ToString(CultureInfo.InvariantCulture), option.Level?.ToString(CultureInfo.InvariantCulture)));
            var variantsBefore = System.Text.Json.JsonSerializer.Serialize(old.Variants ?? [], QuestionnaireJson.Options);
            var variantsAfter = System.Text.Json.JsonSerializer.Serialize(option.Variants ?? [], QuestionnaireJson.Options);
            if (variantsBefore != variantsAfter)
                changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.variants", null, null));
            Text(changes, $"{path}.label", old.Label, option.Label);
        }

        foreach (var removed in before.Where(o => after.All(a => a.Key != o.Key)))
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{questionPath}.options[{removed.Key}]", removed.Label.Nl, null));
    }

    private static void Text(List<DefinitionChange> changes, string path, LocalizedText? before, LocalizedText? after)
    {
        if (before?.Nl != after?.Nl)
            changes.Add(new(DefinitionChangeKind.TextChanged, $"{path}.nl", before?.Nl, after?.Nl));
        if (before?.En != after?.En)
            changes.Add(new(DefinitionChangeKind.TextChanged, $"{path}.en", before?.En, after?.En));
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Advice text is wording; its owner and horizon are wording of the roadmap too (no score depends on them).</summary>
    private static void Advice(List<DefinitionChange> changes, string path, AdviceDefinition? before, AdviceDefinition? after)
    {
        if (before?.Owner is null && after?.Owner is null && before?.HorizonDays is null && after?.HorizonDays is null)
        {
            Text(changes, path, before?.Text, after?.Text);
            return;
        }

        Text(changes, $"{path}.text", before?.Text, after?.Text);
        Text(changes, $"{path}.owner", before?.Owner, after?.Owner);
        if (before?.HorizonDays != after?.HorizonDays)
            changes.Add(new(DefinitionChangeKind.TextChanged, $"{path}.horizonDays", before?.HorizonDays?.ToString(CultureInfo.InvariantCulture), after?.HorizonDays?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Who is asked a question and when: a change here changes which answers a score rests on.</summary>
    private static void Routing(List<DefinitionChange> changes, string path, QuestionDefinition before, QuestionDefinition after)
    {
        if (before.Audience != after.Audience)
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.audience", before.Audience.ToString(), after.Audience.ToString()));
        var rolesBefore = before.RoleGroups is null ? null : string.Join(",", before.RoleGroups);
        var rolesAfter = after.RoleGroups is null ? null : string.Join(",", after.RoleGroups);
        if (rolesBefore != rolesAfter)
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.roleGroups", rolesBefore, rolesAfter));
        var showBefore = before.ShowIf is null ? null : $"{before.ShowIf.Question}={string.Join(",", before.ShowIf.Options)}";
        var showAfter = after.ShowIf is null ? null : $"{after.ShowIf.Question}={string.Join(",", after.ShowIf.Options)}";
        if (showBefore != showAfter)
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.showIf", showBefore, showAfter));
        if (before.DontKnow != after.DontKnow)
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.dontKnow", before.DontKnow.ToString(), after.DontKnow.ToString()));
        if (before.NotApplicable != after.NotApplicable)
            changes.Add(new(DefinitionChangeKind.ScoringChanged, $"{path}.notApplicable", before.NotApplicable.ToString(), after.NotApplicable.ToString()));
    }
}
