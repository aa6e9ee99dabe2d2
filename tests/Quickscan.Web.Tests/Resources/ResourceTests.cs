using System.Text.RegularExpressions;
using System.Xml.Linq;

using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Tests.Resources;

/// <summary>Dutch first and English: every UI text the code asks for exists in both languages, and the two files hold the same keys.</summary>
public sealed partial class ResourceTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Quickscan.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Quickscan.sln not found above the test output.");
    }

    private static Dictionary<string, string> Read(string language) =>
        XDocument.Load(Path.Combine(Root, "src/Quickscan.Web/Resources", $"SharedResource.{language}.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void Dutch_and_English_hold_the_same_keys_and_no_empty_texts()
    {
        var nl = Read("nl");
        var en = Read("en");

        Assert.Empty(nl.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(nl.Keys));
        Assert.All(nl.Concat(en), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), entry.Key));
    }

    [Fact]
    public void Every_literal_key_in_the_pages_and_code_exists()
    {
        var keys = Read("nl").Keys.ToHashSet();
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src/Quickscan.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var missing = sources
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups["key"].Value)))
            .Where(x => !keys.Contains(x.Key))
            .Select(x => $"{x.File}: {x.Key}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_questionnaire_problem_the_validator_reports_has_a_text_in_both_languages()
    {
        var keys = Read("nl").Keys.Intersect(Read("en").Keys).ToHashSet();
        var validator = File.ReadAllText(Path.Combine(Root, "src/Quickscan.Domain/Questionnaires/QuestionnaireValidator.cs"))
            + File.ReadAllText(Path.Combine(Root, "src/Quickscan.Domain/Questionnaires/QuestionnaireJson.cs"));

        var codes = ProblemCode().Matches(validator).Select(m => m.Groups["code"].Value).Distinct().ToList();

        Assert.True(codes.Count >= 40, $"only {codes.Count} codes found");
        Assert.All(codes, code => Assert.Contains($"Problem.{code}", keys));
    }

    [Fact]
    public void Every_plural_text_has_both_forms_in_both_languages()
    {
        foreach (var language in new[] { "nl", "en" })
        {
            var keys = Read(language).Keys.ToHashSet();
            // (A lone KEY.Other can be a plain text, such as an "other" error; a KEY.One is always a plural.)
            var stems = keys.Where(k => k.EndsWith(".One", StringComparison.Ordinal)).Select(k => k[..^4]).ToList();
            Assert.True(stems.Count >= 25, $"only {stems.Count} plural texts in {language}");
            Assert.All(stems, stem =>
            {
                Assert.Contains(stem + ".One", keys);
                Assert.Contains(stem + ".Other", keys);
            });
        }
    }

    [Fact]
    public void Every_plural_the_code_asks_for_exists_in_both_forms()
    {
        var keys = Read("nl").Keys.Intersect(Read("en").Keys).ToHashSet();
        var used = Sources()
            .SelectMany(file => PluralKey().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .Distinct()
            .ToList();

        Assert.True(used.Count >= 25, $"only {used.Count} plural texts used");
        var missing = used.Where(k => !keys.Contains(k + ".One") || !keys.Contains(k + ".Other")).ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void No_text_hedges_its_plural_with_brackets_or_slashes()
    {
        var sloppy = Read("nl").Concat(Read("en"))
            .Where(entry => SloppyPlural().IsMatch(entry.Value))
            .Select(entry => $"{entry.Key}: {entry.Value}")
            .ToList();

        Assert.True(sloppy.Count == 0, string.Join(Environment.NewLine, sloppy));
    }

    [Fact]
    public void Every_text_an_interview_words_for_the_consultant_exists_in_both_voices()
    {
        var keys = Read("nl").Keys.Intersect(Read("en").Keys).ToHashSet();
        var used = Sources()
            .SelectMany(file => VoiceKey().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .Distinct()
            .ToList();

        Assert.True(used.Count >= 10, $"only {used.Count} texts with an interview voice");
        // A text with a count has its two plural forms instead of one text (Voice then Plural: KEY[.Interview].One/.Other).
        bool Has(string key) => keys.Contains(key) || (keys.Contains(key + Plurals.One) && keys.Contains(key + Plurals.Other));
        var missing = used.Where(k => !Has(k) || !Has(k + ".Interview")).ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    // T[Model.Voice("Key")], text[Voice("Key")]
    [GeneratedRegex("""Voice\("(?<key>[A-Za-z][A-Za-z0-9.\-]*)"\)""")]
    private static partial Regex VoiceKey();

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src/Quickscan.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // T.Plural("Key", …), text.Plural("Key", …)
    [GeneratedRegex("""\.Plural\("(?<key>[A-Za-z][A-Za-z0-9.\-]*)",""")]
    private static partial Regex PluralKey();

    // "scan(s)", "respons(en)", "probleem/problemen"
    [GeneratedRegex("""\w\((s|en|es|n)\)|\bprobleem/problemen\b""")]
    private static partial Regex SloppyPlural();

    // T["Key"], text["Key"], T["Key", …]: literal keys only (keys built at run time are covered by the pages' tests).
    [GeneratedRegex("""\b(?:T|text)\["(?<key>[A-Za-z][A-Za-z0-9.\-]*)"[\],]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""QuestionnaireProblem\.Of\([^;]*?, "(?<code>[A-Za-z]+)", """)]
    private static partial Regex ProblemCode();
}
