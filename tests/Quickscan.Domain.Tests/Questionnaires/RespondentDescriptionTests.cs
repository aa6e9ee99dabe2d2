using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Questionnaires;

/// <summary>
/// A condition level's optional respondentDescription (consultant review B1): an employee's score rests on what
/// they notice, so their result says that, and only the intake and the report state the facts.
/// </summary>
public class RespondentDescriptionTests
{
    private static readonly LocalizedText Perceived = new("Wat je merkt: weinig.", "What you notice: little.");

    /// <summary>The test questionnaire with a respondent description on usage level 2 only.</summary>
    private static QuestionnaireDefinition WithPerceived(LocalizedText text) =>
        Definition().ReplaceCondition(ConditionKeys.Usage, c => c with
        {
            Levels = [.. c.Levels.Select(l => l.Level == 2 ? l with { RespondentDescription = text } : l)],
        });

    [Fact]
    public void A_respondent_description_survives_a_round_trip_and_is_left_out_when_absent()
    {
        var json = QuestionnaireJson.Write(WithPerceived(Perceived));
        var read = QuestionnaireJson.Parse(json, out var problems)!;

        Assert.Empty(problems);
        Assert.Equal(Perceived, read.Conditions[0].Levels[1].RespondentDescription);
        Assert.Null(read.Conditions[0].Levels[0].RespondentDescription);
        Assert.Equal(json, QuestionnaireJson.Write(read));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"respondentDescription\""));
        Assert.DoesNotContain("respondentDescription", QuestionnaireJson.Write(Definition()));
    }

    [Theory]
    [InlineData("", "What you notice: little.", "conditions[usage].levels[2].respondentDescription.nl", "DutchMissing")]
    [InlineData("Wat je merkt: weinig.", " ", "conditions[usage].levels[2].respondentDescription.en", "EnglishMissing")]
    public void When_present_both_languages_are_required(string nl, string en, string path, string code)
    {
        var problem = Assert.Single(QuestionnaireValidator.Validate(WithPerceived(new LocalizedText(nl, en))));

        Assert.Equal(path, problem.Path);
        Assert.Equal(code, problem.Code);
    }

    [Fact]
    public void A_survey_respondent_reads_the_perception_text_and_the_intake_the_facts()
    {
        var questionnaire = Questionnaire.Create(WithPerceived(Perceived));
        var level2 = questionnaire.ConditionLevel(ConditionKeys.Usage, 2);
        var level3 = questionnaire.ConditionLevel(ConditionKeys.Usage, 3);

        Assert.Equal(Perceived, level2.DescriptionFor(Track.Survey));
        Assert.Equal(level2.Description, level2.DescriptionFor(Track.Intake));
        // Without a respondent description the survey falls back to the description (version 1, for example).
        Assert.Equal(level3.Description, level3.DescriptionFor(Track.Survey));
        Assert.Equal(Perceived, questionnaire.ConditionLevelText(ConditionKeys.Usage, 2, Track.Survey));
        Assert.Equal(T("usage at 2"), questionnaire.ConditionLevelText(ConditionKeys.Usage, 2, Track.Intake));
    }

    [Fact]
    public void Version_1_has_no_respondent_descriptions_so_its_employees_keep_reading_the_level_texts()
    {
        var v1 = DefaultQuestionnaire.DefaultQuestionnaire.Load(1);

        Assert.All(v1.Conditions.SelectMany(c => c.Levels), l => Assert.Null(l.RespondentDescription));
        Assert.All(v1.Conditions.SelectMany(c => c.Levels), l => Assert.Equal(l.Description, l.DescriptionFor(Track.Survey)));
    }

    [Theory]
    [InlineData(Language.Nl, "Wat je merkt: ")]
    [InlineData(Language.En, "What you notice: ")]
    public void Every_condition_level_in_v2_has_a_perception_text_of_its_own(Language language, string opening)
    {
        var v2 = DefaultQuestionnaire.DefaultQuestionnaire.Load(2);
        var levels = v2.Conditions.SelectMany(c => c.Levels).ToList();

        Assert.Equal(20, levels.Count);
        Assert.All(levels, l =>
        {
            var text = l.DescriptionFor(Track.Survey)[language];
            Assert.StartsWith(opening, text);
            Assert.NotEqual(l.Description[language], text);
            Assert.Equal(l.Description, l.DescriptionFor(Track.Intake));
        });
        Assert.Equal(levels.Count, levels.Select(l => l.RespondentDescription![language]).Distinct().Count());
    }

    [Theory]
    [InlineData(Language.Nl, "KPI")]
    [InlineData(Language.En, "KPI")]
    [InlineData(Language.Nl, "budget")]
    [InlineData(Language.En, "budget")]
    [InlineData(Language.Nl, "stuurgroep")]
    [InlineData(Language.En, "steering group")]
    public void No_v2_perception_text_claims_a_fact_only_the_intake_can_back(Language language, string fact)
    {
        var texts = DefaultQuestionnaire.DefaultQuestionnaire.Load(2).Conditions.SelectMany(c => c.Levels).Select(l => l.RespondentDescription![language]);

        Assert.All(texts, t => Assert.DoesNotContain(fact, t, StringComparison.OrdinalIgnoreCase));
    }
}
