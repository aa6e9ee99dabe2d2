using System.Globalization;
using System.Text.RegularExpressions;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The five level colours: the stylesheet the browser gets (--level-N and --level-N-text) and the PDF's
/// ReportPalette are the same, and each text colour meets WCAG AA contrast (4.5:1) on its fill.
/// </summary>
public sealed class LevelColourTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    /// <summary>WCAG 2.x contrast ratio of two #rrggbb colours.</summary>
    public static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int at)
            {
                var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        }

        var (lighter, darker) = (Math.Max(Luminance(a), Luminance(b)), Math.Min(Luminance(a), Luminance(b)));
        return (lighter + 0.05) / (darker + 0.05);
    }

    [Fact]
    public async Task The_stylesheets_level_colours_are_the_PDFs_palette()
    {
        var css = await app.CreateClient().GetStringAsync("/css/site.css");
        var root = Regex.Match(css, @":root\s*\{(?<body>[^}]*)\}").Groups["body"].Value;
        var properties = Regex.Matches(root, @"--(?<name>level-\d(-text)?)\s*:\s*(?<value>#[0-9a-fA-F]{6})\s*;")
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.ToLowerInvariant());

        Assert.Equal(5, ReportPalette.Count);
        Assert.Equal(10, properties.Count);
        for (var level = 1; level <= ReportPalette.Count; level++)
        {
            var (fill, text) = ReportPalette.Level(level);
            Assert.Equal(fill, properties[$"level-{level}"]);
            Assert.Equal(text, properties[$"level-{level}-text"]);
        }

        // Every level rule takes its colour from those properties: no second copy of a hex value to drift.
        foreach (var (_, value) in properties.Where(p => !p.Key.EndsWith("-text", StringComparison.Ordinal)))
            Assert.Single(Regex.Matches(css, Regex.Escape(value), RegexOptions.IgnoreCase));
        Assert.Contains(".level-badge.level-3, .level-pill.level-3 { background: var(--level-3); color: var(--level-3-text); }", css);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Each_level_colour_meets_WCAG_AA_contrast_with_its_text(int level)
    {
        var (fill, text) = ReportPalette.Level(level);

        Assert.True(Contrast(fill, text) >= 4.5, $"level {level}: {fill} with {text} is {Contrast(fill, text):0.00}:1");
    }

    [Fact]
    public void The_contrast_formula_gives_the_known_ratios() =>
        Assert.Equal((21.0, 1.0), (Math.Round(Contrast("#000000", "#ffffff"), 2), Contrast("#777777", "#777777")));
}
