using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>axe-core in the page: the WCAG 2.0/2.1 level A and AA rules, and nothing may fail.</summary>
public static class Accessibility
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static AxeRunOptions Options() => new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        // Full detail only for what is reported; passes and inapplicable rules keep one node each.
        ResultTypes = [ResultType.Violations, ResultType.Incomplete],
    };

    /// <summary>
    /// Runs axe on the page as it is now and fails with every violation (rule, impact, help, the
    /// elements) if there is any. Items axe could not decide ("incomplete") go to the test output.
    /// </summary>
    public static async Task AssertNoViolationsAsync(IPage page, ITestOutputHelper? output = null)
    {
        var result = await page.RunAxe(Options());

        if (output is not null && result.Incomplete.Length > 0)
        {
            output.WriteLine($"axe needs review on {page.Url}:");
            foreach (var item in result.Incomplete)
                output.WriteLine($"  {item.Id} ({item.Impact}): {item.Help} [{string.Join(", ", item.Nodes.Select(n => n.Target?.ToString()))}]");
        }

        if (result.Violations.Length == 0)
            return;
        Assert.Fail(Describe(page.Url, result.Violations));
    }

    public static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        var list = violations.ToList();
        text.AppendLine($"{list.Count} WCAG 2.1 A/AA violation(s) on {url}:");
        foreach (var violation in list)
        {
            text.AppendLine($"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine($"    at {node.Target}: {node.Html}");
                var why = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)).ToList();
                if (why.Count > 0)
                    text.AppendLine($"       {string.Join(" / ", why)}");
            }
        }

        return text.ToString();
    }
}
