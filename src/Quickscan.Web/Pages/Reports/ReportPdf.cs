using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Infrastructure.Pdf;
using Quickscan.Web.Pages.Shared;

namespace Quickscan.Web.Pages.Reports;

/// <summary>
/// A report document as a branded A4 PDF: a cover (the firm's band, logo and name; client, scan, date,
/// consultant), a contents page with page numbers, then every section of the document in order, drawn
/// from the same blocks as the page (level pills in the level colours, bars, the radar with its scale,
/// the steps as a roadmap), and page numbers in the footer. Texts are the document's, so they are in
/// the reader's language; only "Contents" and "Page x of y" come from the localizer.
/// </summary>
public sealed partial class ReportPdf(IOptions<ReportBranding> branding, IStringLocalizer<SharedResource> text, IWebHostEnvironment environment, ILogger<ReportPdf> logger)
{
    public const string ContentType = "application/pdf";

    /// <summary>The chart's height in its own units: the viewBox of Pages/Shared/_RadarChart.cshtml.</summary>
    private const double ChartHeight = RadarChart.Height;

    private static readonly XColor BenchmarkColor = XColor.FromArgb(0x6b, 0x4e, 0x00);

    public static string FileName(ReportDocument document) =>
        $"{Pages.Scans.ExportModel.Slug(document.Data.Scan.Title)}-{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf";

    public byte[] Render(ReportDocument report)
    {
        var brand = branding.Value;
        var accent = Colour(ReportBranding.IsColour(brand.Colour) ? brand.Colour : "#0b5cad");
        using var document = new PdfDocument();
        document.Info.Title = $"{report.Cover.ScanTitle} – {report.Cover.Organisation}";
        document.Info.Subject = report.Cover.Eyebrow;
        document.Info.Author = brand.FirmName;
        document.Info.Creator = "Quickscan";

        var layout = new PdfLayout(document) { Accent = accent };
        Cover(layout, report, brand, accent);
        layout.NewPage();
        var contentsPage = layout.PageNumber;

        var starts = new List<(string Heading, int Page)>();
        foreach (var section in report.Sections)
        {
            layout.NewPage();
            starts.Add((section.Heading, layout.PageNumber));
            layout.Heading(section.Heading, 1);
            Blocks(layout, section.Blocks);
        }

        Contents(layout, contentsPage, starts);
        layout.Finish($"{report.Cover.Organisation} · {report.Cover.ScanTitle} · {brand.FirmName}", (page, count) => text["Export.Pdf.Page", page, count], firstPage: 2);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private void Cover(PdfLayout layout, ReportDocument report, ReportBranding brand, XColor accent)
    {
        var gfx = layout.Graphics;
        const double band = 230;
        gfx.DrawRectangle(new XSolidBrush(accent), 0, 0, PdfLayout.PageWidth, band);
        var x = PdfLayout.Left;
        if (Logo(brand) is { } logo)
        {
            using (logo)
            {
                var height = 48.0;
                var width = height * logo.PixelWidth / Math.Max(1, logo.PixelHeight);
                gfx.DrawRectangle(XBrushes.White, x - 6, 50, width + 12, height + 12);
                gfx.DrawImage(logo, x, 56, width, height);
            }
        }

        var white = XBrushes.White;
        gfx.DrawString(brand.FirmName, PdfLayout.Font(14, bold: true), white, x, 130, XStringFormats.TopLeft);
        gfx.DrawString(report.Cover.Eyebrow, PdfLayout.Font(11), white, x, 156, XStringFormats.TopLeft);

        layout.Space(band - 56 + 40);
        layout.Paragraph(report.Cover.Organisation, PdfLayout.Font(26, bold: true), after: 6);
        layout.Paragraph(report.Cover.ScanTitle, PdfLayout.Font(16), after: 24, color: PdfLayout.Muted);
        layout.Facts(report.Cover.Facts.Select(f => (f.Label, f.Value)).ToList(), PdfLayout.Font(11), PdfLayout.Font(11, bold: true));
    }

    private XImage? Logo(ReportBranding brand)
    {
        if (string.IsNullOrWhiteSpace(brand.LogoPath))
            return null;
        var path = Path.IsPathRooted(brand.LogoPath) ? brand.LogoPath : Path.Combine(environment.ContentRootPath, brand.LogoPath);
        // A moved, not yet mounted or unreadable logo should not stop the client's report: the cover goes without it, and the log says why.
        if (!File.Exists(path))
        {
            LogoMissing(logger, path);
            return null;
        }

        try
        {
            return XImage.FromFile(path);
        }
#pragma warning disable CA1031 // PDFsharp reports a file it can't read with several exception types; each means the same here
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            LogoUnreadable(logger, path, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report's logo {LogoPath} (Quickscan:Branding:LogoPath) is not a PNG or JPEG image that can be read ({Error}); the PDF's cover has no logo.")]
    private static partial void LogoUnreadable(ILogger logger, string logoPath, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report's logo {LogoPath} (Quickscan:Branding:LogoPath) does not exist; the PDF's cover has no logo.")]
    private static partial void LogoMissing(ILogger logger, string logoPath);

    private void Contents(PdfLayout layout, int page, IReadOnlyList<(string Heading, int Page)> starts) =>
        layout.DrawOn(page, gfx =>
        {
            var y = 56.0;
            gfx.DrawString(text["Report.Contents"], PdfLayout.Font(17, bold: true), new XSolidBrush(layout.Accent), PdfLayout.Left, y, XStringFormats.TopLeft);
            y += 40;
            var font = PdfLayout.Font(12);
            var ink = new XSolidBrush(PdfLayout.Ink);
            var right = PdfLayout.Left + layout.Width;
            foreach (var (heading, start) in starts)
            {
                gfx.DrawString(heading, font, ink, PdfLayout.Left, y, XStringFormats.TopLeft);
                var number = start.ToString(CultureInfo.InvariantCulture);
                gfx.DrawString(number, font, ink, right, y, XStringFormats.TopRight);
                var from = PdfLayout.Left + gfx.MeasureString(heading, font).Width + 6;
                var to = right - gfx.MeasureString(number, font).Width - 6;
                if (to > from)
                    gfx.DrawLine(new XPen(PdfLayout.Line, 0.75) { DashStyle = XDashStyle.Dot }, from, y + 11, to, y + 11);
                y += 24;
            }
        });

    private static void Blocks(PdfLayout layout, IReadOnlyList<ReportBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    var paragraph = t.Lead is null ? t.Text : $"{t.Lead} {t.Text}";
                    var (font, color) = t.Tone switch
                    {
                        TextTone.Notice or TextTone.Warning => (layout.Bold, PdfLayout.Ink),
                        TextTone.Hint => (layout.Small, PdfLayout.Muted),
                        _ => (layout.Body, PdfLayout.Ink),
                    };
                    layout.Paragraph(paragraph, font, color: color);
                    break;
                case LevelBlock level:
                    var (fill, ink) = LevelColours(level.Level);
                    layout.Pill(level.Label, fill, ink, level.Figure);
                    break;
                case FactsBlock facts:
                    layout.Table(null, [0.4, 0.6], facts.Facts.Select(f => new PdfCell[] { f.Label, f.Value }).ToList(), [false, false], boldFirstColumn: true);
                    break;
                case TableBlock table:
                    Table(layout, table);
                    break;
                case ChartBlock chart:
                    Chart(layout, chart.Chart);
                    break;
                case PanelsBlock panels:
                    foreach (var panel in panels.Panels)
                    {
                        layout.Paragraph(panel.Heading, layout.Bold, after: 4);
                        Blocks(layout, panel.Blocks);
                    }

                    break;
                case SubsectionBlock sub:
                    layout.KeepTogether(200);
                    layout.Heading(sub.Tag is null ? sub.Heading : $"{sub.Heading} ({sub.Tag})", 2);
                    Blocks(layout, sub.Figures);
                    if (sub.Note is { Text: { } note })
                    {
                        layout.Paragraph(sub.Note.Heading, layout.Bold, after: 2);
                        layout.Paragraph(note, layout.Body);
                    }

                    layout.Space(8);
                    break;
                case NoteBlock { Text: { } noteText } n:
                    layout.Paragraph(n.Heading, layout.Bold, after: 2);
                    layout.Paragraph(noteText, layout.Body);
                    break;
                case StepsBlock steps:
                    Steps(layout, steps);
                    break;
                case GroupBlock group:
                    layout.Heading(group.Heading, 3);
                    Blocks(layout, group.Blocks);
                    break;
                case DistributionBlock distribution:
                    Distribution(layout, distribution);
                    break;
                case QuotesBlock quotes:
                    // Hidden quotes never leave the consultant's page.
                    var shown = quotes.For(consultant: false);
                    if (shown.Count == 0)
                        break;
                    layout.Heading(quotes.Heading, 3);
                    foreach (var quote in shown.Take(QuotesBlock.Cap))
                    {
                        var text = $"“{quote.Text}”";
                        layout.KeepTogether(layout.Height(text, layout.Body, indent: 14) + 4);
                        var top = layout.Y;
                        layout.Paragraph(text, layout.Body, indent: 14, after: 4);
                        layout.Graphics.DrawRectangle(new XSolidBrush(PdfLayout.Line), PdfLayout.Left, top, 3, Math.Max(8, layout.Y - top - 4));
                    }

                    if (quotes.MoreForReaders is { } more)
                        layout.Paragraph(more, layout.Small, indent: 14, color: PdfLayout.Muted);

                    layout.Space(4);
                    break;
            }
        }
    }

    private static void Table(PdfLayout layout, TableBlock table)
    {
        var count = table.Columns.Count;
        var first = count <= 2 ? 0.6 : count <= 3 ? 0.4 : 0.3;
        var rest = (1 - first) / Math.Max(1, count - 1);
        var widths = table.Columns.Select((_, i) => i == 0 ? first : rest).ToList();
        var rows = table.Rows.Select(r => new PdfCell[] { r.Header }.Concat(r.Cells.Select(c =>
        {
            if (c.Level is { } level)
            {
                var (fill, ink) = LevelColours(level);
                return new PdfCell(c.Text, c.Bar, fill, ink);
            }

            return new PdfCell(c.Text, c.Bar);
        })).ToArray()).ToList();
        layout.Paragraph(table.Caption, layout.Small, after: 3, color: PdfLayout.Muted);
        layout.Table(
            table.Columns.Select(c => c.Header).ToList(),
            widths,
            rows,
            table.Columns.Select(c => c.Numeric).ToList(),
            boldRows: table.Rows.Select(r => r.Total).ToList());
    }

    /// <summary>A distribution as the page draws it: the question with its stacked bar, then the counts per category.</summary>
    private static void Distribution(PdfLayout layout, DistributionBlock block)
    {
        var categories = block.Categories.Count;
        var first = categories > 4 ? 0.34 : 0.4;
        var rest = (1 - first) / (categories + 1);
        var widths = new[] { first }.Concat(Enumerable.Repeat(rest, categories + 1)).ToList();
        var rows = block.Rows.Select(r =>
        {
            var segments = r.Counts.Select((count, i) => new PdfSegment(r.Shown == 0 ? 0 : 100.0 * count / r.Shown, SegmentColour(block.Categories[i].Tone))).ToList();
            return new PdfCell[] { new(r.Header, Segments: segments) }
                .Concat(r.Counts.Select(c => new PdfCell(c.ToString(CultureInfo.CurrentCulture))))
                .Append(new PdfCell(r.Shown.ToString(CultureInfo.CurrentCulture)))
                .ToArray();
        }).ToList();
        layout.Paragraph(block.Caption, layout.Small, after: 3, color: PdfLayout.Muted);
        layout.Table(
            [block.QuestionHeader, .. block.Categories.Select(c => c.Label), block.ShownHeader],
            widths,
            rows,
            [false, .. Enumerable.Repeat(true, categories + 1)]);
    }

    /// <summary>The colours of site.css's .seg-*: an answer 1–5 in the level colours, don't know and not applicable in greys.</summary>
    private static XColor SegmentColour(string tone) => tone switch
    {
        "dk" => Colour("#6e7781"),
        "na" => Colour("#afb8c1"),
        _ => LevelColours(int.TryParse(tone, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) ? level : 3).Fill,
    };

    private static void Steps(PdfLayout layout, StepsBlock block)
    {
        if (block.Steps.Count == 0)
        {
            layout.Paragraph(block.Empty, layout.Body);
            return;
        }

        foreach (var step in block.Steps)
        {
            var title = $"{step.Position.ToString(CultureInfo.CurrentCulture)}. {step.Title}" + (step.IsPriority ? $" ({block.PriorityLabel})" : "");
            var plan = string.Join("   ", new[]
            {
                step.Owner is null ? null : $"{block.OwnerLabel}: {step.Owner}",
                step.Horizon is null ? null : $"{block.HorizonLabel}: {step.Horizon}",
            }.OfType<string>());
            var why = step.Why is null ? null : $"{block.WhyLabel} {step.Why}";
            layout.KeepTogether(layout.Height(title, layout.Bold)
                + (step.Condition is null ? 0 : layout.Height(step.Condition, layout.Small, indent: 14))
                + layout.Height(step.Text, layout.Body, indent: 14)
                + (why is null ? 0 : layout.Height(why, layout.Small, indent: 14))
                + (plan.Length == 0 ? 0 : layout.Height(plan, layout.Small, indent: 14)));
            var top = layout.Y;
            layout.Paragraph(title, layout.Bold, indent: 14, after: 2, color: step.IsPriority ? layout.Accent : PdfLayout.Ink);
            if (step.Condition is not null)
                layout.Paragraph(step.Condition, layout.Small, indent: 14, after: 2, color: PdfLayout.Muted);
            layout.Paragraph(step.Text, layout.Body, indent: 14, after: 2);
            if (why is not null)
                layout.Paragraph(why, layout.Small, indent: 14, after: 2, color: PdfLayout.Muted);
            if (plan.Length > 0)
                layout.Paragraph(plan, PdfLayout.Font(8.5, bold: true), indent: 14, after: 2);
            if (step.LanguageNote is not null)
                layout.Paragraph(step.LanguageNote, layout.Small, indent: 14, after: 2, color: PdfLayout.Muted);
            // The roadmap's line: a bar beside each step, in the accent colour for the priorities.
            layout.Graphics.DrawRectangle(new XSolidBrush(step.IsPriority ? layout.Accent : PdfLayout.Line), PdfLayout.Left, top, 4, Math.Max(8, layout.Y - top - 2));
            layout.Space(6);
        }
    }

    /// <summary>The radar chart in the coordinates of <see cref="RadarChart"/>, scaled to the page; series and scale as on the page.</summary>
    private static void Chart(PdfLayout layout, RadarChart chart)
    {
        var axes = chart.Axes.Count;
        const double scale = 0.75;
        var legend = chart.Series.Count > 1 ? layout.Body.GetHeight() + 6 : 0;
        layout.KeepTogether(layout.Bold.GetHeight() + (ChartHeight * scale) + legend + 8);
        layout.Paragraph(chart.Title, layout.Bold, after: 0);
        var gfx = layout.Graphics;
        var state = gfx.Save();
        gfx.TranslateTransform(PdfLayout.Left + ((layout.Width - (RadarChart.Size * scale)) / 2), layout.Y);
        gfx.ScaleTransform(scale);

        var grid = new XPen(PdfLayout.Line, 1);
        XPoint At(int axis, double score)
        {
            var (x, y) = RadarChart.Point(axis, axes, score);
            return new XPoint(x, y);
        }

        var scaleFont = PdfLayout.Font(10);
        var muted = new XSolidBrush(PdfLayout.Muted);
        foreach (var ring in RadarChart.Rings)
        {
            gfx.DrawPolygon(grid, Enumerable.Range(0, axes).Select(i => At(i, ring)).ToArray());
            var (rx, ry) = RadarChart.RingLabelPosition(ring);
            gfx.DrawString(ring.ToString(CultureInfo.InvariantCulture), scaleFont, muted, rx, ry, XStringFormats.BaseLineLeft);
        }

        var labelFont = PdfLayout.Font(13);
        var ink = new XSolidBrush(PdfLayout.Ink);
        for (var i = 0; i < axes; i++)
        {
            gfx.DrawLine(grid, new XPoint(RadarChart.CenterX, RadarChart.CenterY), At(i, 100));
            var (lx, ly, anchor) = chart.LabelPosition(i);
            var format = anchor switch
            {
                "start" => XStringFormats.BaseLineLeft,
                "end" => XStringFormats.BaseLineRight,
                _ => XStringFormats.BaseLineCenter,
            };
            var lines = RadarChart.LabelLines(chart.Axes[i]);
            for (var l = 0; l < lines.Count; l++)
                gfx.DrawString(lines[l], labelFont, ink, lx, ly + (l * 13 * 1.15), format);
        }

        foreach (var series in chart.Series)
        {
            var (pen, fill) = Style(series.CssClass, layout.Accent);
            if (series.Values.All(v => v is not null))
            {
                var points = series.Values.Select((v, i) => At(i, v!.Value)).ToArray();
                if (fill is null)
                    gfx.DrawPolygon(pen, points);
                else
                    gfx.DrawPolygon(pen, fill, points, XFillMode.Winding);
            }

            var dot = new XSolidBrush(pen.Color);
            for (var i = 0; i < series.Values.Count; i++)
            {
                if (series.Values[i] is { } value)
                {
                    var point = At(i, value);
                    gfx.DrawEllipse(dot, point.X - 4, point.Y - 4, 8, 8);
                }
            }
        }

        gfx.Restore(state);
        layout.Space((ChartHeight * scale) + 4);

        if (chart.Series.Count > 1)
        {
            var x = PdfLayout.Left;
            foreach (var series in chart.Series)
            {
                var (pen, _) = Style(series.CssClass, layout.Accent);
                gfx.DrawLine(pen, x, layout.Y + 6, x + 18, layout.Y + 6);
                gfx.DrawString(series.Name, layout.Body, ink, x + 24, layout.Y, XStringFormats.TopLeft);
                x += 24 + gfx.MeasureString(series.Name, layout.Body).Width + 18;
            }

            layout.Space(legend);
        }

        layout.Space(4);
    }

    /// <summary>The series styles of site.css (.radar-area.series-*).</summary>
    private static (XPen Pen, XBrush? Fill) Style(string cssClass, XColor accent) => cssClass switch
    {
        "series-benchmark" => (new XPen(BenchmarkColor, 2.5) { DashPattern = [6 / 2.5, 4 / 2.5] }, null),
        "series-previous" => (new XPen(PdfLayout.Muted, 2.5) { DashPattern = [2 / 2.5, 3 / 2.5] }, null),
        _ => (new XPen(accent, 2.5), new XSolidBrush(XColor.FromArgb(46, accent.R, accent.G, accent.B))),
    };

    private static (XColor Fill, XColor Text) LevelColours(int level)
    {
        var (fill, ink) = ReportPalette.Level(level);
        return (Colour(fill), Colour(ink));
    }

    private static XColor Colour(string hex) =>
        XColor.FromArgb(int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
