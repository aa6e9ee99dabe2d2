using System.Text.RegularExpressions;
using System.Xml.Linq;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Tests.Admin;

/// <summary>
/// The audit trail speaks in words: every action and subject the code can record (AuditActions, AuditEntities) has a
/// text in Dutch and in English, and no audit entry in src/ is written with an action that bypasses those constants.
/// </summary>
public sealed partial class AuditWordingTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Quickscan.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Quickscan.sln not found above the test output.");
    }

    private static HashSet<string> Keys(string language) =>
        XDocument.Load(Path.Combine(Root, "src/Quickscan.Web/Resources", $"SharedResource.{language}.resx"))
            .Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value)).Select(d => d.Attribute("name")!.Value).ToHashSet();

    public static TheoryData<string> Languages => new() { "nl", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_audit_action_and_subject_has_words(string language)
    {
        var keys = Keys(language);

        var missing = AuditActions.All.Select(a => $"AuditAction.{a}").Concat(AuditEntities.All.Select(e => $"AuditEntity.{e}"))
            .Where(k => !keys.Contains(k)).ToList();

        Assert.True(missing.Count == 0, $"No {language} words for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_constants_are_distinct_and_look_like_stored_actions()
    {
        Assert.Equal(AuditActions.All.Count, AuditActions.All.Distinct().Count());
        Assert.All(AuditActions.All, a => Assert.Matches("^[a-z]+\\.[a-z-]+$", a));
        Assert.Contains("lead.assigned", AuditActions.All);
    }

    [Fact]
    public void Every_audit_entry_in_src_is_written_with_an_action_constant()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var literals = sources
            .SelectMany(file => LiteralAction().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .ToList();

        Assert.True(literals.Count == 0, "Audit actions written as literals (use AuditActions):" + Environment.NewLine + string.Join(Environment.NewLine, literals));
    }

    // audit.Record("x.y", …), RecordAs(id, name, "x.y", …), RecordAsync("x.y", …), ChangeAsync("x.y", …), Action = "x.y",
    // and either side of a ternary inside those calls.
    [GeneratedRegex(@"(?:\bRecord(?:As|Async)?\([^;]*?|\bChangeAsync\(|\bAction = )""[a-z]+\.[a-z-]+""")]
    private static partial Regex LiteralAction();
}
