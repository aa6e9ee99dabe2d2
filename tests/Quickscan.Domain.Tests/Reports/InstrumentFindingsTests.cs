using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Reports;
using Quickscan.Domain.Scoring;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Reports;

public class InstrumentFindingsTests
{
    private static readonly Questionnaire Questionnaire = Create();

    /// <summary>A survey respondent who answered p.a.1 and p.a.2 as given and everything else with a 3.</summary>
    private static RespondentAnswers Survey(Answer pa1, Answer pa2, Track track = Track.Survey) => new(
        new RespondentProfile(track),
        [new ScaleAnswer("u.a.1", 3), new ScaleAnswer("u.a.2", 3), new ChoiceAnswer("u.b.1", "some"), new TextAnswer("u.b.2", "x"), pa1, pa2,
         new ScaleAnswer("o.a.1", 3), new ScaleAnswer("o.a.2", 3), new ScaleAnswer("pi.a.1", 3), new ScaleAnswer("pi.a.2", 3)]);

    [Theory]
    [InlineData(0, 8, false)]
    [InlineData(1, 8, false)] // 12.5%
    [InlineData(2, 9, false)] // 22.2%
    [InlineData(2, 8, true)] // exactly 25%: from a quarter on
    [InlineData(5, 8, true)]
    [InlineData(1, 0, false)] // shown to nobody
    public void A_question_is_a_finding_from_a_quarter_dont_know_on(int dontKnow, int shown, bool finding) =>
        Assert.Equal(finding, InstrumentFindings.IsFinding(dontKnow, shown));

    [Fact]
    public void Findings_are_the_reportable_questions_from_the_threshold_on_largest_share_first()
    {
        // Eight respondents: p.a.1 gets 5 don't-knows (62.5%), p.a.2 gets 2 (25%) and 1 not applicable.
        var respondents = new List<RespondentAnswers>();
        for (var i = 0; i < 8; i++)
        {
            Answer pa1 = i < 5 ? new DontKnowAnswer("p.a.1") : new ScaleAnswer("p.a.1", 4);
            Answer pa2 = i < 2 ? new DontKnowAnswer("p.a.2") : i == 2 ? new NotApplicableAnswer("p.a.2") : new ScaleAnswer("p.a.2", 2);
            respondents.Add(Survey(pa1, pa2));
        }

        // The one intake is not mixed into the survey's figures.
        respondents.Add(Survey(new DontKnowAnswer("p.a.1"), new DontKnowAnswer("p.a.2"), Track.Intake));
        var survey = InstrumentQuality.Compute(Questionnaire, Track.Survey, respondents);

        var findings = InstrumentFindings.DontKnow(Questionnaire, survey, anonymityThreshold: 5);
        Assert.Equal(["p.a.1", "p.a.2"], findings.Select(f => f.QuestionKey));
        Assert.Equal(Rational.Of(5, 8), findings[0].Share);
        Assert.Equal("63", ScoreFormat.Percent(findings[0].Share)); // 62.5 rounds half away from zero
        Assert.Equal(Rational.Of(1, 4), findings[1].Share);

        // The factor p.a: (5 + 2) don't know of 16 answers shown; 1 not applicable.
        var factor = InstrumentFindings.Factor(Questionnaire, survey, "p.a", anonymityThreshold: 5)!;
        Assert.Equal((16, 7, 1), (factor.Shown, factor.DontKnow, factor.NotApplicable));
        Assert.Equal("44", ScoreFormat.Percent(factor.DontKnowShare)); // 43.75

        // Under the anonymity threshold the survey's figures are not reported; the intake (not anonymous) always is.
        Assert.Empty(InstrumentFindings.DontKnow(Questionnaire, survey, anonymityThreshold: 9));
        Assert.Null(InstrumentFindings.Factor(Questionnaire, survey, "p.a", anonymityThreshold: 9));
        var intake = InstrumentQuality.Compute(Questionnaire, Track.Intake, respondents);
        Assert.Equal(1, intake.Respondents);
        Assert.Equal(["p.a.1", "p.a.2"], InstrumentFindings.DontKnow(Questionnaire, intake, anonymityThreshold: 5).Select(f => f.QuestionKey));
    }

    [Fact]
    public void Distributions_count_each_value_and_open_questions_are_never_findings()
    {
        var respondents = Enumerable.Range(0, 6).Select(i => Survey(new ScaleAnswer("p.a.1", 1 + (i % 3)), new DontKnowAnswer("p.a.2"))).ToList();
        var survey = InstrumentQuality.Compute(Questionnaire, Track.Survey, respondents);
        var item = survey.Item("p.a.1");
        Assert.Equal((6, 6, 0, 0), (item.Shown, item.Answered, item.DontKnow, item.NotApplicable));
        Assert.Equal(new Dictionary<string, int> { ["1"] = 2, ["2"] = 2, ["3"] = 2 }, item.Distribution);
        Assert.Equal(["p.a.2"], InstrumentFindings.DontKnow(Questionnaire, survey, 5).Select(f => f.QuestionKey));
        Assert.False(InstrumentFindings.IsScoredItem(Questionnaire, "u.b.2"));
    }

    [Fact]
    public void Response_rates_are_responses_over_headcount_and_small_groups_are_only_counted()
    {
        var responses = new Dictionary<string, int> { ["Zorg"] = 12, ["ICT"] = 5, ["HR"] = 3 };
        var headcounts = new Dictionary<string, int> { ["zorg"] = 40, ["ICT"] = 4, ["Finance"] = 10 };

        var rates = InstrumentFindings.Rates(responses, headcounts, anonymityThreshold: 5);

        // Finance (0 responses) and HR (3) are under the threshold of 5.
        Assert.Equal(2, rates.HiddenGroups);
        Assert.Equal(["ICT", "Zorg"], rates.Shown.Select(r => r.Group));
        var zorg = rates.Shown[1];
        Assert.Equal((12, 40), (zorg.Responses, zorg.Headcount));
        Assert.Equal(Rational.Of(3, 10), zorg.Rate); // 12 / 40 = 30%
        // More responses than counted: the rate says so (125%), it is not capped.
        Assert.Equal("125", ScoreFormat.Percent(rates.Shown[0].Rate));
        Assert.Null(new GroupRate("x", 5, null).Rate);
        Assert.Null(new GroupRate("x", 5, 0).Rate);
    }
}
