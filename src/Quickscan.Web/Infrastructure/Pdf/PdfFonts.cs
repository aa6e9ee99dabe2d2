using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Quickscan.Web.Infrastructure.Pdf;

/// <summary>
/// The fonts of generated PDFs: DejaVu Sans regular and bold, embedded in this assembly (Fonts/), so a PDF
/// never depends on the fonts of the server (the container image has none). Every family name resolves
/// to DejaVu Sans; italic is simulated.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly object Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>Installs the resolver for PDFsharp, once per process; PDFsharp's font settings are global.</summary>
    public static void EnsureRegistered()
    {
        if (GlobalFontSettings.FontResolver is PdfFonts)
            return;
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = new PdfFonts();
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName is Regular or Bold ? _faces.GetOrAdd(faceName, Load) : null;

    private static byte[] Load(string faceName)
    {
        var name = $"Quickscan.Web.Fonts.{faceName}.ttf";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing.");
        using var bytes = new MemoryStream((int)stream.Length);
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
