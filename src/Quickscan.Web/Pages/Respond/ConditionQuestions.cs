using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// The questions of one condition as form fields, exactly as respondents see them; the admins' preview of a draft.
/// <paramref name="Current"/> gives a question's current form value.
/// </summary>
public sealed record ConditionQuestions(ConditionDefinition Condition, Language Language, Func<string, string?> Current);

/// <summary>
/// Questions as form fields (one step's, or one factor's in the preview), numbered from <paramref name="FirstNumber"/>.
/// </summary>
public sealed record QuestionFields(IReadOnlyList<QuestionDefinition> Questions, int FirstNumber, Language Language, Func<string, string?> Current);
