namespace Quickscan.Domain.Questionnaires;

/// <summary>
/// Changes to a definition as pure functions: each returns a new definition and leaves the old one as it
/// was. Elements are found by key; an unknown key changes nothing.
/// </summary>
public static class DefinitionEdits
{
    public static QuestionnaireDefinition ReplaceCondition(this QuestionnaireDefinition definition, string key, Func<ConditionDefinition, ConditionDefinition> change) =>
        definition with { Conditions = [.. definition.Conditions.Select(c => c.Key == key ? change(c) : c)] };

    public static QuestionnaireDefinition ReplaceFactor(this QuestionnaireDefinition definition, string key, Func<FactorDefinition, FactorDefinition> change) =>
        definition with
        {
            Conditions = [.. definition.Conditions.Select(c => c.Factors.Any(f => f.Key == key)
                ? c with { Factors = [.. c.Factors.Select(f => f.Key == key ? change(f) : f)] }
                : c)],
        };

    public static QuestionnaireDefinition ReplaceQuestion(this QuestionnaireDefinition definition, string key, Func<QuestionDefinition, QuestionDefinition> change) =>
        definition.ReplaceFactorOf(key, f => f with { Questions = [.. f.Questions.Select(q => q.Key == key ? change(q) : q)] });

    /// <summary>Moves a factor one place up (-1) or down (+1) within its condition.</summary>
    public static QuestionnaireDefinition MoveFactor(this QuestionnaireDefinition definition, string key, int direction) =>
        definition with
        {
            Conditions = [.. definition.Conditions.Select(c => c.Factors.Any(f => f.Key == key) ? c with { Factors = Move(c.Factors, f => f.Key == key, direction) } : c)],
        };

    /// <summary>Moves a question one place up (-1) or down (+1) within its factor.</summary>
    public static QuestionnaireDefinition MoveQuestion(this QuestionnaireDefinition definition, string key, int direction) =>
        definition.ReplaceFactorOf(key, f => f with { Questions = Move(f.Questions, q => q.Key == key, direction) });

    public static QuestionnaireDefinition RemoveFactor(this QuestionnaireDefinition definition, string key) =>
        definition with { Conditions = [.. definition.Conditions.Select(c => c with { Factors = [.. c.Factors.Where(f => f.Key != key)] })] };

    public static QuestionnaireDefinition RemoveQuestion(this QuestionnaireDefinition definition, string key) =>
        definition.ReplaceFactorOf(key, f => f with { Questions = [.. f.Questions.Where(q => q.Key != key)] });

    /// <summary>Adds an empty factor at the end of a condition; its texts still have to be written (the validator says so).</summary>
    public static QuestionnaireDefinition AddFactor(this QuestionnaireDefinition definition, string conditionKey, out string key)
    {
        key = FreeKey(definition, conditionKey + ".factor-");
        var factor = new FactorDefinition { Key = key, Weight = 1, Name = Empty, Advice = Empty, Questions = [] };
        return definition.ReplaceCondition(conditionKey, c => c with { Factors = [.. c.Factors, factor] });
    }

    /// <summary>Adds an empty agreement question at the end of a factor.</summary>
    public static QuestionnaireDefinition AddQuestion(this QuestionnaireDefinition definition, string factorKey, out string key)
    {
        key = FreeKey(definition, factorKey + ".");
        var question = new QuestionDefinition { Key = key, Kind = QuestionKind.Agreement, Text = Empty, Weight = 1 };
        return definition.ReplaceFactor(factorKey, f => f with { Questions = [.. f.Questions, question] });
    }

    private static LocalizedText Empty => new("", "");

    private static QuestionnaireDefinition ReplaceFactorOf(this QuestionnaireDefinition definition, string questionKey, Func<FactorDefinition, FactorDefinition> change) =>
        definition with
        {
            Conditions = [.. definition.Conditions.Select(c => c with
            {
                Factors = [.. c.Factors.Select(f => f.Questions.Any(q => q.Key == questionKey) ? change(f) : f)],
            })],
        };

    private static IReadOnlyList<T> Move<T>(IReadOnlyList<T> items, Func<T, bool> match, int direction)
    {
        var list = items.ToList();
        var from = list.FindIndex(x => match(x));
        var to = from + Math.Sign(direction);
        if (from < 0 || to < 0 || to >= list.Count)
            return items;
        (list[from], list[to]) = (list[to], list[from]);
        return list;
    }

    private static string FreeKey(QuestionnaireDefinition definition, string prefix)
    {
        var used = definition.Conditions.SelectMany(c => c.Factors.Select(f => f.Key).Concat(c.Factors.SelectMany(f => f.Questions.Select(q => q.Key)))).ToHashSet();
        var n = 1;
        while (used.Contains(prefix + n))
            n++;
        return prefix + n;
    }
}
