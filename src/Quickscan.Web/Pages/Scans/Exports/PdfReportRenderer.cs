using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Shared;

namespace Quickscan.Web.Pages.Scans.Exports;

/// <summary>
/// The report as an A4 PDF, drawn with PDFsharp: title block, overall result, radar chart (the geometry of
/// <see cref="RadarChart"/>), a table per condition, the next steps with their reasons, and the notes.
/// Texts come from the localizer in the current UI culture and from the questionnaire in <c>language</c>.
/// </summary>
public static class PdfReportRenderer
{
    public const string ContentType = "application/pdf";

    /// <summary>The chart's height in its own units: the viewBox of Pages/Shared/_RadarChart.cshtml.</summary>
    private const double ChartHeight = 350;

    private static readonly XColor Ink = XColor.FromArgb(0x1b, 0x1f, 0x24);
    private static readonly XColor Muted = XColor.FromArgb(0x4a, 0x55, 0x60);
    private static readonly XColor Line = XColor.FromArgb(0xc9, 0xd1, 0xd9);
    private static readonly XColor Soft = XColor.FromArgb(0xf3, 0xf6, 0xf9);
    private static readonly XColor Brand = XColor.FromArgb(0x0b, 0x5c, 0xad);

    public static byte[] Render(PdfReport report, Language language, IStringLocalizer text)
    {
        PdfFonts.EnsureRegistered();
        var culture = CultureInfo.GetCultureInfo(language == Language.En ? "en-GB" : "nl-NL");
        var q = report.Questionnaire;
        var result = report.Result;

        using var document = new PdfDocument();
        document.Info.Title = $"{report.ScanTitle} – {report.OrganisationName}";
        document.Info.Subject = text["Export.Pdf.Eyebrow"];
        document.Info.Creator = "Quickscan";

        var layout = new Layout(document);
        TitleBlock(layout, report, language, culture, text);

        if (report.Responses == 0)
        {
            layout.Paragraph(text["Export.Pdf.NoResponses"], layout.Body);
        }
        else
        {
            Overall(layout, report, language, culture, text);
            Chart(layout, report, language, text);
            Overview(layout, report, language, culture, text);

            layout.NewPage();
            layout.Heading(text["Export.Pdf.PerCondition"], 1);
            Levels(layout, q, language, culture, text);
            foreach (var condition in q.Conditions)
                Condition(layout, report, condition, result.Condition(condition.Key), language, culture, text);
        }

        if (report.NextSteps.Count > 0)
        {
            layout.Heading(text["Export.Pdf.NextSteps"], 1);
            foreach (var (step, number) in report.NextSteps.Select((s, i) => (s, i + 1)))
            {
                var why = string.IsNullOrWhiteSpace(step.Why) ? null : $"{text["Export.Pdf.Why"]} {step.Why}";
                layout.KeepTogether(layout.Height(step.Title, layout.Bold) + layout.Height(step.Text, layout.Body, indent: 14) + (why is null ? 0 : layout.Height(why, layout.Small, indent: 14)));
                layout.Paragraph($"{number.ToString(culture)}. {step.Title}", layout.Bold, after: 2);
                layout.Paragraph(step.Text, layout.Body, indent: 14, after: 2);
                if (why is not null)
                    layout.Paragraph(why, layout.Small, indent: 14, color: Muted);
                layout.Space(4);
            }
        }

        layout.Finish($"{report.OrganisationName} · {report.ScanTitle}", (page, count) => text["Export.Pdf.Page", page, count]);

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void TitleBlock(Layout layout, PdfReport report, Language language, CultureInfo culture, IStringLocalizer text)
    {
        layout.Paragraph(text["Export.Pdf.Eyebrow"], layout.Small, color: Brand, after: 4);
        layout.Paragraph(report.OrganisationName, Layout.Font(22, bold: true), after: 4);
        layout.Paragraph(report.ScanTitle, Layout.Font(15), after: 12);
        var questionnaire = report.Questionnaire;
        layout.Facts(
        [
            (text["Export.Pdf.Date"], report.Date.ToString("d MMMM yyyy", culture)),
            (text["Export.Pdf.Responses"], text["Export.Pdf.ResponseCount", report.Responses]),
            (text["Export.Pdf.Questionnaire"], $"{questionnaire.Definition.Title[language]} (v{questionnaire.Version.ToString(CultureInfo.InvariantCulture)})"),
        ]);
        layout.Rule();
    }

    private static void Overall(Layout layout, PdfReport report, Language language, CultureInfo culture, IStringLocalizer text)
    {
        var result = report.Result;
        layout.Heading(text["Export.Pdf.Overall"], 2);
        if (result.Index is { } index && result.Level is { } level)
        {
            layout.Paragraph(text["Export.Pdf.Level", level.Number, level.Name[language]], Layout.Font(13, bold: true), after: 2);
            layout.Paragraph(text["Export.Pdf.Index", index.ToString("0", culture)], layout.Body);
        }
        else
        {
            layout.Paragraph(text["Export.Pdf.NoIndex"], layout.Body);
        }

        if (result.Bottleneck is { } bottleneck)
            layout.Paragraph(text["Export.Pdf.Bottleneck", report.Questionnaire.Condition(bottleneck).Name[language]], layout.Body);
    }

    /// <summary>The radar chart of the mean condition scores, in the coordinates of <see cref="RadarChart"/>, scaled to the page.</summary>
    private static void Chart(Layout layout, PdfReport report, Language language, IStringLocalizer text)
    {
        var q = report.Questionnaire;
        var values = q.Conditions.Select(c => report.Result.Condition(c.Key).Mean).ToList();
        var chart = new RadarChart(text["Export.Pdf.ChartTitle"], q.Conditions.Select(c => c.Name[language]).ToList(), [new RadarSeries(text["Export.Pdf.ChartTitle"], values, "series-own")]);
        var axes = chart.Axes.Count;

        const double scale = 0.75;
        layout.KeepTogether(layout.Bold.GetHeight() + (ChartHeight * scale) + 8);
        layout.Paragraph(chart.Title, layout.Bold, after: 0);
        var gfx = layout.Graphics;
        var state = gfx.Save();
        gfx.TranslateTransform(Layout.Left + ((layout.Width - (RadarChart.Size * scale)) / 2), layout.Y);
        gfx.ScaleTransform(scale);

        var grid = new XPen(Line, 1);
        XPoint At(int axis, double score)
        {
            var (x, y) = RadarChart.Point(axis, axes, score);
            return new XPoint(x, y);
        }

        foreach (var ring in new[] { 20, 40, 60, 80, 100 })
            gfx.DrawPolygon(grid, Enumerable.Range(0, axes).Select(i => At(i, ring)).ToArray());

        var labelFont = Layout.Font(13);
        var ink = new XSolidBrush(Ink);
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

        var series = chart.Series[0];
        if (series.Values.All(v => v is not null))
        {
            gfx.DrawPolygon(
                new XPen(Brand, 2.5),
                new XSolidBrush(XColor.FromArgb(46, Brand.R, Brand.G, Brand.B)),
                series.Values.Select((v, i) => At(i, v!.Value)).ToArray(),
                XFillMode.Winding);
        }

        var dot = new XSolidBrush(Brand);
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is { } value)
            {
                var point = At(i, value);
                gfx.DrawEllipse(dot, point.X - 4, point.Y - 4, 8, 8);
            }
        }

        gfx.Restore(state);
        layout.Space((ChartHeight * scale) + 8);
    }

    private static void Overview(Layout layout, PdfReport report, Language language, CultureInfo culture, IStringLocalizer text)
    {
        var rows = report.Questionnaire.Conditions.Select(c =>
        {
            var aggregate = report.Result.Condition(c.Key);
            return new[]
            {
                c.Name[language],
                aggregate.Mean is { } mean ? mean.ToString("0", culture) : "–",
                aggregate.Level is { } level ? $"{level.Number} – {level.Name[language]}" : text["Export.Pdf.Insufficient"].Value,
            };
        }).ToList();
        layout.Table(
            [text["Export.Pdf.Condition"], text["Export.Pdf.Score"], text["Export.Pdf.LevelColumn"]],
            [0.45, 0.15, 0.40],
            rows,
            rightAligned: [false, true, false]);
    }

    private static void Levels(Layout layout, Questionnaire q, Language language, CultureInfo culture, IStringLocalizer text)
    {
        layout.Heading(text["Export.Pdf.Levels"], 3);
        var rows = q.Levels.Select(l => new[]
        {
            l.Number.ToString(culture),
            l.Name[language],
            $"{l.From.ToString("0", culture)}–{l.To.ToString("0", culture)}",
        }).ToList();
        layout.Table([text["Export.Pdf.LevelColumn"], text["Export.Pdf.LevelName"], text["Export.Pdf.LevelRange"]], [0.2, 0.5, 0.3], rows, rightAligned: [false, false, false]);
    }

    private static void Condition(Layout layout, PdfReport report, ConditionDefinition condition, ConditionAggregate aggregate, Language language, CultureInfo culture, IStringLocalizer text)
    {
        var q = report.Questionnaire;
        var name = condition.Name[language];
        layout.KeepTogether(160);
        layout.Heading(report.Result.Bottleneck == condition.Key ? $"{name} ({text["Export.Pdf.BottleneckTag"]})" : name, 2);
        layout.Paragraph(condition.Description[language], layout.Small, color: Muted);

        var statistics = aggregate.Statistics;
        if (statistics is null)
        {
            layout.Paragraph(text["Export.Pdf.Insufficient"], layout.Bold);
        }
        else
        {
            layout.Table(
                [text["Export.Pdf.Score"], text["Export.Pdf.LevelColumn"], text["Export.Pdf.Spread"], text["Export.Pdf.Range"], text["Export.Pdf.Respondents"]],
                [0.12, 0.3, 0.16, 0.2, 0.22],
                [[
                    statistics.Mean.ToString("0", culture),
                    $"{aggregate.Level!.Number} – {aggregate.Level.Name[language]}",
                    statistics.StandardDeviation.ToString("0.0", culture),
                    $"{statistics.Min.ToString("0", culture)} – {statistics.Max.ToString("0", culture)}",
                    statistics.N.ToString(culture),
                ]],
                rightAligned: [true, false, true, true, true]);
        }

        if (aggregate.Excluded > 0)
            layout.Paragraph(text["Export.Pdf.ExcludedCount", aggregate.Excluded], layout.Small, color: Muted);
        if (aggregate.LacksConsensus)
            layout.Paragraph(text["Export.Pdf.LacksConsensus"], layout.Bold);

        if (aggregate.Level is { } level)
            layout.Paragraph(q.ConditionLevel(condition.Key, level.Number).Description[language], layout.Body);

        var factors = condition.Factors.Select((f, i) => new[]
        {
            f.Name[language],
            aggregate.Factors[i].Statistics is { } s ? s.Mean.ToString("0", culture) : "–",
        }).ToList();
        layout.Table([text["Export.Pdf.Factor"], text["Export.Pdf.Score"]], [0.8, 0.2], factors, rightAligned: [false, true]);

        if (report.Notes.TryGetValue(condition.Key, out var note) && !string.IsNullOrWhiteSpace(note))
        {
            layout.Paragraph(text["Export.Pdf.Note"], layout.Bold, after: 2);
            layout.Paragraph(note, layout.Body);
        }

        layout.Space(8);
    }

    /// <summary>A top-down flow of text, tables and drawings over A4 pages, with page breaks.</summary>
    private sealed class Layout(PdfDocument document)
    {
        public const double Left = 56;
        private const double PageWidth = 595.28;
        private const double PageHeight = 841.89;
        private const double Top = 56;
        private const double Bottom = PageHeight - 64;

        private XGraphics? _graphics;

        public XFont Body { get; } = Font(10);
        public XFont Bold { get; } = Font(10, bold: true);
        public XFont Small { get; } = Font(8.5);

        /// <summary>DejaVu Sans, embedded with Unicode encoding: any character it has renders, and the text can be extracted.</summary>
        public static XFont Font(double size, bool bold = false) =>
            new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

        public double Width => PageWidth - (2 * Left);

        public double Y { get; private set; }

        public XGraphics Graphics
        {
            get
            {
                if (_graphics is null)
                    NewPage();
                return _graphics!;
            }
        }

        public void NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(page);
            Y = Top;
        }

        /// <summary>Starts a new page unless the next <paramref name="height"/> points fit on this one.</summary>
        public void KeepTogether(double height)
        {
            if (_graphics is null || (Y + height > Bottom && Y > Top))
                NewPage();
        }

        public void Space(double height) => Y += height;

        public void Heading(string text, int level)
        {
            var size = level switch { 1 => 17, 2 => 13, _ => 11 };
            var font = Font(size, bold: true);
            Space(level == 1 ? 6 : 4);
            KeepTogether(font.GetHeight() + (3 * Body.GetHeight()));
            Paragraph(text, font, after: level == 1 ? 8 : 4);
        }

        public void Paragraph(string text, XFont font, double indent = 0, double after = 6, XColor? color = null)
        {
            var paint = new XSolidBrush(color ?? Ink);
            var lineHeight = font.GetHeight();
            foreach (var line in Wrap(text, font, Width - indent))
            {
                if (_graphics is null || Y + lineHeight > Bottom)
                    NewPage();
                Graphics.DrawString(line, font, paint, Left + indent, Y, XStringFormats.TopLeft);
                Y += lineHeight;
            }

            Y += after;
        }

        /// <summary>The height a paragraph takes, without the space after it.</summary>
        public double Height(string text, XFont font, double indent = 0) => Wrap(text, font, Width - indent).Count * font.GetHeight();

        public void Rule()
        {
            Space(4);
            Graphics.DrawLine(new XPen(Line, 0.75), Left, Y, Left + Width, Y);
            Space(10);
        }

        /// <summary>Label–value pairs, the label in bold.</summary>
        public void Facts(IReadOnlyList<(string Label, string Value)> facts)
        {
            var labelWidth = Math.Min(Width * 0.4, facts.Max(f => Graphics.MeasureString(f.Label, Bold).Width) + 16);
            foreach (var (label, value) in facts)
            {
                var lines = Wrap(value, Body, Width - labelWidth);
                var height = lines.Count * Body.GetHeight();
                if (Y + height > Bottom)
                    NewPage();
                Graphics.DrawString(label, Bold, new XSolidBrush(Ink), Left, Y, XStringFormats.TopLeft);
                var y = Y;
                foreach (var line in lines)
                {
                    Graphics.DrawString(line, Body, new XSolidBrush(Ink), Left + labelWidth, y, XStringFormats.TopLeft);
                    y += Body.GetHeight();
                }

                Y += height + 2;
            }

            Y += 6;
        }

        /// <summary>A table with a shaded header row, which is repeated after a page break.</summary>
        public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IReadOnlyList<string[]> rows, IReadOnlyList<bool> rightAligned)
        {
            const double padding = 4;
            var columns = widths.Select(w => w * Width).ToArray();
            var lineHeight = Body.GetHeight();
            var pen = new XPen(Line, 0.75);
            var ink = new XSolidBrush(Ink);

            double RowHeight(IReadOnlyList<string> cells, XFont font) =>
                (cells.Select((cell, c) => Wrap(cell, font, columns[c] - (2 * padding)).Count).Max() * lineHeight) + (2 * padding);

            void DrawRow(IReadOnlyList<string> cells, XFont font, bool header)
            {
                var height = RowHeight(cells, font);
                if (header)
                    Graphics.DrawRectangle(new XSolidBrush(Soft), Left, Y, Width, height);
                var x = Left;
                for (var c = 0; c < cells.Count; c++)
                {
                    var y = Y + padding;
                    foreach (var line in Wrap(cells[c], font, columns[c] - (2 * padding)))
                    {
                        if (rightAligned[c])
                            Graphics.DrawString(line, font, ink, x + columns[c] - padding, y, XStringFormats.TopRight);
                        else
                            Graphics.DrawString(line, font, ink, x + padding, y, XStringFormats.TopLeft);
                        y += lineHeight;
                    }

                    x += columns[c];
                }

                Y += height;
                Graphics.DrawLine(pen, Left, Y, Left + Width, Y);
            }

            // A short table stays on one page; a long one at least starts with its header and a row.
            var total = RowHeight(headers, Bold) + rows.Sum(r => RowHeight(r, Body));
            KeepTogether(total <= 300 ? total : RowHeight(headers, Bold) + (rows.Count > 0 ? RowHeight(rows[0], Body) : 0));
            DrawRow(headers, Bold, header: true);
            foreach (var row in rows)
            {
                if (Y + RowHeight(row, Body) > Bottom)
                {
                    NewPage();
                    DrawRow(headers, Bold, header: true);
                }

                DrawRow(row, Body, header: false);
            }

            Y += 10;
        }

        /// <summary>Ends the last page and draws the footer on every page: a label on the left, the page number on the right.</summary>
        public void Finish(string left, Func<int, int, string> right)
        {
            _graphics?.Dispose();
            _graphics = null;
            var muted = new XSolidBrush(Muted);
            for (var i = 0; i < document.PageCount; i++)
            {
                using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                var y = PageHeight - 40;
                gfx.DrawLine(new XPen(Line, 0.5), Left, y - 6, Left + Width, y - 6);
                var label = Fit(gfx, left, Small, Width * 0.7);
                gfx.DrawString(label, Small, muted, Left, y, XStringFormats.TopLeft);
                gfx.DrawString(right(i + 1, document.PageCount), Small, muted, Left + Width, y, XStringFormats.TopRight);
            }
        }

        private static string Fit(XGraphics gfx, string text, XFont font, double width)
        {
            if (gfx.MeasureString(text, font).Width <= width)
                return text;
            while (text.Length > 1 && gfx.MeasureString(text + "…", font).Width > width)
                text = text[..^1];
            return text.TrimEnd() + "…";
        }

        /// <summary>Greedy word wrap; a word longer than the line is broken where it must.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (Measure(candidate, font) <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                        lines.Add(line);
                    line = word;
                    while (line.Length > 1 && Measure(line, font) > width)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && Measure(line[..cut], font) > width)
                            cut--;
                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        private double Measure(string text, XFont font) => Graphics.MeasureString(text, font).Width;
    }
}
