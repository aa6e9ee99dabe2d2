using System.Globalization;

namespace Quickscan.Web.Pages.Reports;

/// <summary>
/// The consultancy whose report this is, configured per installation (section Quickscan:Branding): its name
/// and colour on the PDF's cover and headings and above the report page and the sponsor view, and its logo
/// (a PNG or JPEG file) on the cover. A wrong colour or an empty name stops the start; a missing logo file
/// leaves the cover without one and is logged as a warning.
/// </summary>
public sealed class ReportBranding
{
    public const string Section = "Quickscan:Branding";

    public string FirmName { get; set; } = "Quickscan";

    /// <summary>The firm's colour as #rrggbb; dark enough for white text on it (the cover's band).</summary>
    public string Colour { get; set; } = "#0b5cad";

    /// <summary>Path of a PNG or JPEG logo; relative paths are under the app's content root. None when empty.</summary>
    public string? LogoPath { get; set; }

    public static bool IsColour(string? value) =>
        value is { Length: 7 } && value[0] == '#' && int.TryParse(value.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _);
}

/// <summary>
/// The five level colours of page, sponsor view and PDF (site.css has the same values as its --level-N and
/// --level-N-text custom properties; LevelColourTests holds them equal). A viridis-like sequence, so levels
/// stay apart for colour-blind readers, with the text colour that gives each at least 5:1 contrast (WCAG AA
/// asks 4.5:1; the same test holds it). The level number is always written too.
/// </summary>
public static class ReportPalette
{
    private static readonly (string Fill, string Text)[] Levels =
    [
        ("#fde725", "#1b1f24"),
        ("#5ec962", "#1b1f24"),
        ("#1a7a76", "#ffffff"),
        ("#3b528b", "#ffffff"),
        ("#440154", "#ffffff"),
    ];

    public static int Count => Levels.Length;

    public static (string Fill, string Text) Level(int number) => Levels[Math.Clamp(number, 1, Levels.Length) - 1];
}
