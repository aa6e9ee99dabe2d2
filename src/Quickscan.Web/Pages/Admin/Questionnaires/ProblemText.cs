using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

public static class ProblemText
{
    /// <summary>A validation problem in the user's language ("Problem.{Code}" in the resources), else the domain's English.</summary>
    public static string Problem(this IStringLocalizer text, QuestionnaireProblem problem)
    {
        var localized = text[$"Problem.{problem.Code}", [.. problem.Arguments]];
        return localized.ResourceNotFound ? problem.Message : localized.Value;
    }
}
