using System.Globalization;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.LoadTests;

/// <summary>Answer sets in the form's own values ("1"–"5", "dk", an option key, a text), as a browser posts them.</summary>
public static class Answers
{
    public static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    /// <summary>The default questionnaire's steps, as every respondent gets them (no routing in the load scan).</summary>
    public static readonly Web.Pages.Respond.RespondentSteps Steps = Web.Pages.Respond.RespondentSteps.For(Questionnaire, null);

    /// <summary>A full, valid set for one step (the step's share of <see cref="For"/> of its condition).</summary>
    public static Dictionary<string, string> For(Web.Pages.Respond.Step step, int seed)
    {
        var all = For(step.Condition, seed);
        return step.Questions.ToDictionary(q => q.Key, q => all[q.Key], StringComparer.Ordinal);
    }

    /// <summary>
    /// A full, valid set for one condition that varies with the seed (as JourneyTests.AnswersFor): scale values
    /// cycle 1–5, every fifth is "don't know", choices cycle through the options, open questions get a text.
    /// </summary>
    public static Dictionary<string, string> For(ConditionDefinition condition, int seed)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = seed;
        foreach (var question in condition.Factors.SelectMany(f => f.Questions))
        {
            i++;
            answers[question.Key] = question.Kind switch
            {
                QuestionKind.Agreement when i % 5 == 0 => "dk",
                QuestionKind.Agreement => ((i % 5) + 1).ToString(CultureInfo.InvariantCulture),
                QuestionKind.SingleChoice => question.Options![i % question.Options.Count].Key,
                _ => $"Open antwoord {seed}-{i}",
            };
        }

        return answers;
    }

    /// <summary>A few scale answers of one step for a background save; the values change with the round.</summary>
    public static Dictionary<string, string> Autosave(Web.Pages.Respond.Step step, int count, long round)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in step.Questions.Where(q => q.Kind == QuestionKind.Agreement).Take(count))
            answers[question.Key] = (((round + answers.Count) % 5) + 1).ToString(CultureInfo.InvariantCulture);
        return answers;
    }

    public static IEnumerable<KeyValuePair<string, string>> Fields(string step, IReadOnlyDictionary<string, string> answers, string? move) =>
        answers.Select(a => new KeyValuePair<string, string>($"Input.Answers[{a.Key}]", a.Value))
            .Append(new("Input.Step", step))
            .Concat(move is null ? [] : [new KeyValuePair<string, string>("Input.Move", move)]);
}
