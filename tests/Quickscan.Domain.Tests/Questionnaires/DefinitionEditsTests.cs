using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Questionnaires;

public class DefinitionEditsTests
{
    private static IEnumerable<string> QuestionKeys(QuestionnaireDefinition d, string factor) =>
        d.Conditions.SelectMany(c => c.Factors).Single(f => f.Key == factor).Questions.Select(q => q.Key);

    [Fact]
    public void Questions_move_within_their_factor_and_stop_at_the_ends()
    {
        var definition = Definition();

        var down = definition.MoveQuestion("u.a.1", +1);
        var pastTheEnd = down.MoveQuestion("u.a.1", +1);

        Assert.Equal(["u.a.2", "u.a.1"], QuestionKeys(down, "u.a"));
        Assert.Equal(["u.a.2", "u.a.1"], QuestionKeys(pastTheEnd, "u.a"));
        Assert.Equal(["u.a.1", "u.a.2"], QuestionKeys(definition, "u.a"));
    }

    [Fact]
    public void Factors_move_within_their_condition()
    {
        var moved = Definition().MoveFactor("u.b", -1);

        Assert.Equal(["u.b", "u.a"], moved.Conditions[0].Factors.Select(f => f.Key));
    }

    [Fact]
    public void Adding_gives_a_free_key_and_an_element_the_validator_asks_to_complete()
    {
        var withFactor = Definition().AddFactor(ConditionKeys.Usage, out var factorKey);
        var withQuestion = withFactor.AddQuestion(factorKey, out var questionKey);

        Assert.Equal("usage.factor-1", factorKey);
        Assert.Equal("usage.factor-1.1", questionKey);
        var problems = QuestionnaireValidator.Validate(withQuestion).Select(p => p.Path).ToList();
        Assert.Contains("conditions[usage].factors[usage.factor-1].name.nl", problems);
        Assert.Contains("conditions[usage].factors[usage.factor-1].questions[usage.factor-1.1].text.en", problems);
    }

    [Fact]
    public void Removing_and_replacing_find_elements_by_key()
    {
        var definition = Definition()
            .RemoveQuestion("u.a.2")
            .ReplaceQuestion("u.a.1", q => q with { Text = T("anders") })
            .ReplaceFactor("p.a", f => f with { Weight = 3 })
            .ReplaceCondition(ConditionKeys.Organisation, c => c with { Weight = 2 })
            .RemoveFactor("nope");

        Assert.Equal(["u.a.1"], QuestionKeys(definition, "u.a"));
        Assert.Equal("anders (nl)", definition.Conditions[0].Factors[0].Questions[0].Text.Nl);
        Assert.Equal(3, definition.Conditions[1].Factors[0].Weight);
        Assert.Equal(2, definition.Conditions[2].Weight);
    }
}
