using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>The two ways into a scan.</summary>
public enum Track
{
    /// <summary>The anonymous employee link: asks only what employees can judge.</summary>
    Survey,

    /// <summary>The owner intake (the owner team's own link, or the consultant interviewing the owner): asks the facts too.</summary>
    Intake,
}

/// <summary>What routing needs to know of a respondent: the way in and the role group chosen in the profile.</summary>
public sealed record RespondentProfile(Track Track = Track.Survey, string? RoleGroup = null)
{
    public static RespondentProfile Survey { get; } = new(Track.Survey);

    public static RespondentProfile Intake { get; } = new(Track.Intake);
}

/// <summary>
/// Who is asked what. The survey asks questions for everyone, of the respondent's role group when the question
/// names role groups; the intake asks the context questions and every question, owner-only ones included.
/// A question with showIf is shown only when the earlier question it depends on was shown and answered with one
/// of its options.
/// </summary>
public static class Routing
{
    /// <summary>Whether the questionnaire has an owner intake: facts the employee survey does not ask.</summary>
    public static bool HasIntake(this Questionnaire questionnaire) =>
        questionnaire.AllQuestions.Any(q => q.Audience == Audience.Owner || questionnaire.IsContext(q.Key));

    /// <summary>Whether the question is for this respondent at all, before any answer is known.</summary>
    public static bool IsFor(this Questionnaire questionnaire, QuestionDefinition question, RespondentProfile profile)
    {
        if (profile.Track == Track.Intake)
            return true;
        if (question.Audience != Audience.Everyone || questionnaire.IsContext(question.Key))
            return false;
        return question.RoleGroups is null
            || (profile.RoleGroup is { } group && question.RoleGroups.Contains(group, StringComparer.Ordinal));
    }

    /// <summary>Whether the question is shown, given the answers so far (answers to questions not shown don't count).</summary>
    public static bool IsShown(this Questionnaire questionnaire, QuestionDefinition question, RespondentProfile profile, IReadOnlyDictionary<string, Answer> answers)
    {
        // The validator guarantees showIf points to an earlier question, so this ends.
        while (true)
        {
            if (!questionnaire.IsFor(question, profile))
                return false;
            if (question.ShowIf is not { } showIf)
                return true;
            if (!answers.TryGetValue(showIf.Question, out var answer) || answer is not ChoiceAnswer choice
                || !showIf.Options.Contains(choice.OptionKey, StringComparer.Ordinal)
                || !questionnaire.TryGetQuestion(showIf.Question, out var earlier))
                return false;
            question = earlier;
        }
    }

    /// <summary>The questions shown to a respondent with these answers, in the order they are asked.</summary>
    public static IReadOnlyList<QuestionDefinition> Shown(this Questionnaire questionnaire, RespondentProfile profile, IReadOnlyDictionary<string, Answer> answers) =>
        [.. questionnaire.AllQuestions.Where(q => questionnaire.IsShown(q, profile, answers))];

    public static IReadOnlyList<QuestionDefinition> Shown(this Questionnaire questionnaire, RespondentProfile profile, IEnumerable<Answer> answers) =>
        questionnaire.Shown(profile, ByQuestion(answers));

    /// <summary>The answers by question key; a later answer to the same question wins.</summary>
    public static Dictionary<string, Answer> ByQuestion(IEnumerable<Answer> answers)
    {
        var byQuestion = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var answer in answers)
            byQuestion[answer.QuestionKey] = answer;
        return byQuestion;
    }
}
