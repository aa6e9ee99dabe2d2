using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Scoring;

/// <summary>
/// The instrument's figures are counts, so they can be kept and added to as respondents come in (a report polled in a
/// workshop counts only the new ones): counted in parts they are what counting everyone at once gives.
/// </summary>
public class InstrumentFiguresTests
{
    private static readonly Questionnaire Questionnaire = Create();

    private static RespondentAnswers Respondent(int i) => new(
        new RespondentProfile(i % 4 == 3 ? Track.Intake : Track.Survey, i % 3 == 0 ? "management" : "employee"),
        [
            i % 5 == 0 ? new DontKnowAnswer("u.a.1") : new ScaleAnswer("u.a.1", 1 + (i % 5)),
            new ScaleAnswer("u.a.2", 1 + (i * 3 % 5)),
            new ChoiceAnswer("u.b.1", i % 2 == 0 ? "some" : "all"),
            new TextAnswer("u.b.2", $"text {i}"),
            i % 7 == 0 ? new NotApplicableAnswer("p.a.1") : new ScaleAnswer("p.a.1", 2),
            new ScaleAnswer("o.a.1", 4),
        ],
        i % 3 == 0 ? " Sales" : i % 3 == 1 ? "sales" : "HR");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12)]
    public void Counted_in_two_parts_they_equal_the_figures_of_everyone_at_once(int first)
    {
        var everyone = Enumerable.Range(0, 12).Select(Respondent).ToList();

        var atOnce = InstrumentFigures.Compute(Questionnaire, everyone);
        var inParts = InstrumentFigures.Add(Questionnaire, InstrumentFigures.Compute(Questionnaire, everyone.Take(first).ToList()), everyone.Skip(first).ToList());

        foreach (var (expected, actual) in new[] { (atOnce.Survey, inParts.Survey), (atOnce.Intake, inParts.Intake) })
        {
            Assert.Equal(expected.Respondents, actual.Respondents);
            Assert.Equal(expected.Factors, actual.Factors);
            Assert.Equal(expected.Items.Select(Flat), actual.Items.Select(Flat));
        }

        Assert.Equal(atOnce.DepartmentResponses.OrderBy(p => p.Key), inParts.DepartmentResponses.OrderBy(p => p.Key));
        Assert.Equal(atOnce.RoleGroupResponses.OrderBy(p => p.Key), inParts.RoleGroupResponses.OrderBy(p => p.Key));
    }

    [Fact]
    public void Worked_example_survey_only_groups_trimmed_and_case_ignored()
    {
        var figures = InstrumentFigures.Compute(Questionnaire, Enumerable.Range(0, 8).Select(Respondent).ToList());

        // Respondents 3 and 7 are intakes; of the survey's six, 0 and 6 are management, 1, 2, 4 and 5 employees.
        Assert.Equal((6, 2), (figures.Survey.Respondents, figures.Intake.Respondents));
        Assert.Equal(2, figures.RoleGroupResponses["management"]);
        Assert.Equal(4, figures.RoleGroupResponses["employee"]);
        // " Sales" (0, 6) and "sales" (1, 4) are one department; "HR" (2, 5).
        Assert.Equal(4, figures.DepartmentResponses["SALES"]);
        Assert.Equal(2, figures.DepartmentResponses["hr"]);
        // u.a.1 over the survey: respondent 0 don't know, 1 → 2, 2 → 3, 4 → 5, 5 don't know, 6 → 2.
        var item = figures.Survey.Item("u.a.1");
        Assert.Equal((6, 4, 2, 0), (item.Shown, item.Answered, item.DontKnow, item.NotApplicable));
        Assert.Equal(new Dictionary<string, int> { ["2"] = 2, ["3"] = 1, ["5"] = 1 }, item.Distribution);
    }

    private static string Flat(ItemFigures item) =>
        $"{item.QuestionKey} {item.Shown}/{item.Answered}/{item.DontKnow}/{item.NotApplicable} " +
        string.Join(",", item.Distribution.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
