using Quickscan.Domain.Comparisons;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Comparisons;

public class DefinitionDiffTests
{
    private static QuestionnaireDefinition WithUsage(Func<ConditionDefinition, ConditionDefinition> change)
    {
        var definition = Definition();
        return definition with { Conditions = [change(definition.Conditions[0]), .. definition.Conditions.Skip(1)] };
    }

    private static QuestionnaireDefinition WithFirstQuestion(Func<QuestionDefinition, QuestionDefinition> change) =>
        WithUsage(c => c with { Factors = [c.Factors[0] with { Questions = [change(c.Factors[0].Questions[0]), .. c.Factors[0].Questions.Skip(1)] }, .. c.Factors.Skip(1)] });

    [Fact]
    public void Identical_definitions_have_no_changes() => Assert.Empty(DefinitionDiff.Compare(Definition(), Definition()));

    [Fact]
    public void A_reworded_question_is_a_text_change_per_language_and_wording_only()
    {
        var changes = DefinitionDiff.Compare(Definition(), WithFirstQuestion(q => q with { Text = new LocalizedText("Nieuwe vraag", q.Text.En) }));

        var change = Assert.Single(changes);
        Assert.Equal(new DefinitionChange(DefinitionChangeKind.TextChanged, "conditions[usage].factors[u.a].questions[u.a.1].text.nl", "u.a.1 (nl)", "Nieuwe vraag"), change);
        Assert.True(DefinitionDiff.IsWordingOnly(changes));
    }

    [Fact]
    public void Level_names_advice_and_option_labels_are_wording()
    {
        var definition = Definition();
        var levels = definition.Levels.ToList();
        levels[0] = levels[0] with { Name = T("Beginner") };
        var changed = definition with { Levels = levels };
        changed = changed with
        {
            Conditions =
            [
                changed.Conditions[0] with
                {
                    Levels = [changed.Conditions[0].Levels[0] with { Advice = T("Doe iets") }, .. changed.Conditions[0].Levels.Skip(1)],
                    Factors =
                    [
                        changed.Conditions[0].Factors[0],
                        changed.Conditions[0].Factors[1] with
                        {
                            Questions =
                            [
                                changed.Conditions[0].Factors[1].Questions[0] with
                                {
                                    Options = [changed.Conditions[0].Factors[1].Questions[0].Options![0] with { Label = T("geen") }, .. changed.Conditions[0].Factors[1].Questions[0].Options!.Skip(1)],
                                },
                                changed.Conditions[0].Factors[1].Questions[1],
                            ],
                        },
                    ],
                },
                .. changed.Conditions.Skip(1),
            ],
        };

        var changes = DefinitionDiff.Compare(Definition(), changed);

        Assert.Equal(6, changes.Count);
        Assert.True(DefinitionDiff.IsWordingOnly(changes));
        Assert.Contains(changes, c => c.Path == "conditions[usage].factors[u.b].questions[u.b.1].options[none].label.nl");
    }

    [Fact]
    public void Weights_are_not_wording()
    {
        var changes = DefinitionDiff.Compare(Definition(), WithFirstQuestion(q => q with { Weight = 2 }));

        Assert.Equal(new DefinitionChange(DefinitionChangeKind.WeightChanged, "conditions[usage].factors[u.a].questions[u.a.1].weight", "1", "2"), Assert.Single(changes));
        Assert.False(DefinitionDiff.IsWordingOnly(changes));
    }

    [Fact]
    public void Thresholds_reversal_and_option_scores_are_not_wording()
    {
        var definition = Definition();
        var levels = definition.Levels.ToList();
        levels[0] = levels[0] with { To = 25 };
        levels[1] = levels[1] with { From = 25 };

        var thresholds = DefinitionDiff.Compare(definition, definition with { Levels = levels });
        var reversed = DefinitionDiff.Compare(definition, WithFirstQuestion(q => q with { Reversed = true }));

        Assert.Equal([DefinitionChangeKind.ThresholdChanged, DefinitionChangeKind.ThresholdChanged], thresholds.Select(c => c.Kind));
        Assert.Equal(DefinitionChangeKind.ScoringChanged, Assert.Single(reversed).Kind);
    }

    [Fact]
    public void Added_removed_and_moved_questions_are_reported()
    {
        var changed = WithUsage(c => c with
        {
            Factors =
            [
                c.Factors[0] with { Questions = [c.Factors[0].Questions[1], Agreement("u.a.3")] },
                c.Factors[1],
            ],
        });

        var changes = DefinitionDiff.Compare(Definition(), changed);

        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Moved, Path: "conditions[usage].factors[u.a].questions[u.a.2]" });
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Added, Path: "conditions[usage].factors[u.a].questions[u.a.3]" });
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Removed, Path: "factors[u.a].questions[u.a.1]" });
        Assert.False(DefinitionDiff.IsWordingOnly(changes));
    }

    [Fact]
    public void The_default_questionnaire_compared_with_itself_after_a_json_round_trip_is_unchanged()
    {
        var definition = DefaultQuestionnaire.DefaultQuestionnaire.Load().Definition;
        var copy = QuestionnaireJson.Parse(QuestionnaireJson.Write(definition), out _)!;

        Assert.Empty(DefinitionDiff.Compare(definition, copy));
    }
}
