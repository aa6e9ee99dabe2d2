using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// The questions of one condition as form fields, exactly as respondents see them; shared by the respondent
/// page and the admins' preview of a draft. <paramref name="Current"/> gives a question's current form value.
/// </summary>
public sealed record ConditionQuestions(ConditionDefinition Condition, Language Language, Func<string, string?> Current);
