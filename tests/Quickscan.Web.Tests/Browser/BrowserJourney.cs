using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>Walks a respondent through every step of the questionnaire, for tests that need a submitted response.</summary>
public static class BrowserJourney
{
    /// <summary>The first option of every scored question: every step gets the same answer.</summary>
    public const string FirstOption = "() => document.querySelectorAll('fieldset[data-scored]').forEach(f => f.querySelector('input[type=radio]').checked = true)";

    /// <summary>
    /// From the first step to the review page: on every step <paramref name="choose"/> (JavaScript run in the page)
    /// picks the answers, then "Volgende" moves on ("Naar het overzicht" on the last step).
    /// </summary>
    public static async Task AnswerEveryStepAsync(IPage page, string choose = FirstOption)
    {
        var step = new Regex("/q/[^/?#]+$");
        await Expect(page).ToHaveURLAsync(step);
        while (step.IsMatch(new Uri(page.Url).AbsolutePath))
        {
            var here = page.Url;
            await page.EvaluateAsync(choose);
            var overview = page.GetByRole(AriaRole.Button, new() { Name = "Naar het overzicht", Exact = true });
            var next = await overview.CountAsync() > 0 ? overview : page.GetByRole(AriaRole.Button, new() { Name = "Volgende", Exact = true });
            await next.ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(here);
        }

        await Expect(page).ToHaveURLAsync(new Regex("/review$"));
    }
}
