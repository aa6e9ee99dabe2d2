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
/// The report page (Pages/Scans/Report.cshtml) as an A4 PDF drawn with PDFsharp, from the same
/// <see cref="ReportData"/> and with the page's texts, so page and PDF show the same report: a title
/// block, the summary, the profile (the radar chart with <see cref="RadarChart"/>'s geometry and series),
/// a section per condition, role groups, next steps, the previous scan and the benchmark.
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
    private static readonly XColor BenchmarkColor = XColor.FromArgb(0x6b, 0x4e, 0x00);

    public static byte[] Render(ReportData data, Language language, DateOnly date, AppTime time, IStringLocalizer text)
    {
        PdfFonts.EnsureRegistered();
        var view = new ReportView(data, language, canEdit: false);
        var scan = data.Scan;

        using var document = new PdfDocument();
        document.Info.Title = $"{scan.Title} – {scan.OrganisationName}";
        document.Info.Subject = text["Export.Pdf.Eyebrow"];
        document.Info.Creator = "Quickscan";

        var layout = new Layout(document);
        TitleBlock(layout, view, date, text);
        Summary(layout, view, text);
        Profile(layout, view, text);

        layout.NewPage();
        layout.Heading(text["Report.Conditions"], 1);
        foreach (var condition in view.Result.Conditions)
            Condition(layout, view, condition, text);

        Groups(layout, view, text);
        Steps(layout, view, text);
        Previous(layout, view, time, text);
        Benchmark(layout, view, text);

        layout.Finish($"{scan.OrganisationName} · {scan.Title}", (page, count) => text["Export.Pdf.Page", page, count]);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void TitleBlock(Layout layout, ReportView view, DateOnly date, IStringLocalizer text)
    {
        var scan = view.Data.Scan;
        var q = view.Questionnaire;
        layout.Paragraph(text["Export.Pdf.Eyebrow"], layout.Small, color: Brand, after: 4);
        layout.Paragraph(scan.OrganisationName, Layout.Font(22, bold: true), after: 4);
        layout.Paragraph(scan.Title, Layout.Font(15), after: 12);
        layout.Facts(
        [
            (text["Export.Pdf.Date"], date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)),
            (text["Export.Pdf.Responses"], text.Plural("Export.Pdf.ResponseCount", view.Data.Counts.Submitted)),
            (text["Export.Pdf.Questionnaire"], $"{q.Definition.Title[view.Language]} (v{q.Version.ToString(CultureInfo.InvariantCulture)})"),
        ]);
        layout.Rule();
    }

    private static void Summary(Layout layout, ReportView view, IStringLocalizer text)
    {
        var counts = view.Data.Counts;
        var result = view.Result;
        layout.Heading(text["Report.Summary"], 2);
        var basis = text.Plural("Report.Basis", counts.Submitted) + " " + text.Plural("Report.Started", counts.Started)
            + (counts.Interviews > 0 ? " " + text.Plural("Report.Interviews", counts.Interviews) : "");
        layout.Paragraph(basis, layout.Body);
        if (counts.Submitted == 0)
        {
            layout.Paragraph(text["Report.NoResponses"], layout.Bold);
            return;
        }

        if (counts.Submitted < view.Data.Scan.AnonymityThreshold)
            layout.Paragraph(text.Plural("Report.FewResponses", view.Data.Scan.AnonymityThreshold), layout.Bold);
        if (result.Index is { } index && result.Level is { } level)
        {
            layout.Paragraph($"{text["Result.Level", level.Number]}: {level.Name[view.Language]}", Layout.Font(13, bold: true), after: 2);
            layout.Paragraph(text["Result.Index", ReportView.Score(index)], layout.Body);
        }
        else
        {
            layout.Paragraph(text["Report.NoIndex"], layout.Body);
        }

        if (result.Bottleneck is { } bottleneck)
            layout.Paragraph(text["Result.Bottleneck", view.ConditionName(bottleneck)], layout.Body);
    }

    private static void Profile(Layout layout, ReportView view, IStringLocalizer text)
    {
        var data = view.Data;
        layout.Heading(text["Report.Profile"], 2);
        if (data.Counts.Submitted > 0)
            Chart(layout, view.Chart(text["Report.ChartTitle"], text["Report.SeriesOwn"], text["Report.SeriesBenchmark"], text["Report.SeriesPrevious"]));

        var headers = new List<string> { text["Result.Condition"], text["Report.Mean"], text["Result.LevelColumn"] };
        var widths = new List<double> { 0.34, 0.16, 0.26 };
        var right = new List<bool> { false, true, false };
        if (data.Previous is not null)
        {
            headers.Add(text["Report.SeriesPrevious"]);
            widths.Add(0.16);
            right.Add(true);
        }

        if (data.Benchmark is not null)
        {
            headers.Add(text["Report.SeriesBenchmark"]);
            widths.Add(0.16);
            right.Add(true);
        }

        var total = widths.Sum();
        var rows = view.Result.Conditions.Select(c =>
        {
            var row = new List<string>
            {
                view.ConditionName(c.Key),
                ReportView.Score(c.Mean),
                c.Level is { } level ? $"{level.Number} – {level.Name[view.Language]}" : text["Result.Insufficient"].Value,
            };
            if (data.Previous is { } previous)
                row.Add(ReportView.Score(previous.Profile.ConditionScore(c.Key)));
            if (data.Benchmark is { } benchmark)
                row.Add(ReportView.Score(benchmark.Median[c.Key]));
            return row.ToArray();
        }).ToList();
        layout.Table(headers, widths.Select(w => w / total).ToList(), rows, right);
    }

    /// <summary>The radar chart in the coordinates of <see cref="RadarChart"/>, scaled to the page; series styled as on the page.</summary>
    private static void Chart(Layout layout, RadarChart chart)
    {
        var axes = chart.Axes.Count;
        const double scale = 0.75;
        var legend = chart.Series.Count > 1 ? layout.Body.GetHeight() + 6 : 0;
        layout.KeepTogether(layout.Bold.GetHeight() + (ChartHeight * scale) + legend + 8);
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

        foreach (var series in chart.Series)
        {
            var (pen, fill) = Style(series.CssClass);
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
            var x = Layout.Left;
            foreach (var series in chart.Series)
            {
                var (pen, _) = Style(series.CssClass);
                gfx.DrawLine(pen, x, layout.Y + 6, x + 18, layout.Y + 6);
                gfx.DrawString(series.Name, layout.Body, ink, x + 24, layout.Y, XStringFormats.TopLeft);
                x += 24 + gfx.MeasureString(series.Name, layout.Body).Width + 18;
            }

            layout.Space(legend);
        }

        layout.Space(4);
    }

    /// <summary>The series styles of site.css (.radar-area.series-*).</summary>
    private static (XPen Pen, XBrush? Fill) Style(string cssClass) => cssClass switch
    {
        "series-benchmark" => (new XPen(BenchmarkColor, 2.5) { DashPattern = [6 / 2.5, 4 / 2.5] }, null),
        "series-previous" => (new XPen(Muted, 2.5) { DashPattern = [2 / 2.5, 3 / 2.5] }, null),
        _ => (new XPen(Brand, 2.5), new XSolidBrush(XColor.FromArgb(46, Brand.R, Brand.G, Brand.B))),
    };

    private static void Condition(Layout layout, ReportView view, ConditionAggregate condition, IStringLocalizer text)
    {
        var q = view.Questionnaire;
        var key = condition.Key;
        var language = view.Language;
        var name = view.ConditionName(key);
        var statistics = condition.Statistics;

        layout.KeepTogether(200);
        layout.Heading(view.Result.Bottleneck == key ? $"{name} ({text["Export.Pdf.BottleneckTag"]})" : name, 2);
        layout.Paragraph(text["Report.RespondentsView"], layout.Bold, after: 3);
        if (statistics is null || condition.Level is null)
        {
            layout.Paragraph(text["Report.NoScore"], layout.Body);
        }
        else
        {
            var level = condition.Level;
            layout.Table(
                null,
                [0.4, 0.6],
                [
                    [text["Result.Score"], text["Report.ScoreOf", ReportView.Score(statistics.Mean)]],
                    [text["Result.LevelColumn"], $"{level.Number} – {level.Name[language]}"],
                    [text["Report.Spread"], text["Report.SpreadValue", ReportView.Score(statistics.Min), ReportView.Score(statistics.Max)]],
                    [text["Report.Sd"], ReportView.Decimal(statistics.StandardDeviation)],
                    [text["Report.N"], condition.Excluded > 0 ? $"{statistics.N} {text.Plural("Report.Excluded", condition.Excluded)}" : statistics.N.ToString(CultureInfo.CurrentCulture)],
                    [text["Report.Consensus"], condition.LacksConsensus ? text["Report.LacksConsensus"] : text["Report.HasConsensus"]],
                ],
                [false, false],
                boldFirstColumn: true);
            layout.Paragraph(q.ConditionLevel(key, level.Number).Description[language], layout.Body);
        }

        if (view.Data.Assessments.GetValueOrDefault(key) is { } assessment)
        {
            var expert = q.Level(assessment.Level);
            layout.Paragraph(text["Report.ExpertView"], layout.Bold, after: 3);
            layout.Paragraph($"{text["Result.Level", expert.Number]}: {expert.Name[language]}", layout.Body, after: 2);
            layout.Paragraph(q.ConditionLevel(key, expert.Number).Description[language], layout.Body);
            if (!string.IsNullOrWhiteSpace(assessment.Comment))
                layout.Paragraph(assessment.Comment, layout.Body);
        }

        if (statistics is not null)
        {
            layout.Table(
                [text["Report.Factor"], text["Result.Score"]],
                [0.8, 0.2],
                condition.Factors.Select(f => new[] { view.FactorName(f.Key), ReportView.Score(f.Statistics?.Mean) }).ToList(),
                [false, true]);
            layout.Table(
                [text["Result.LevelColumn"], text["Report.Respondents"]],
                [0.8, 0.2],
                condition.LevelDistribution.Select((count, i) => new[] { $"{i + 1} – {view.LevelName(i + 1)}", count.ToString(CultureInfo.CurrentCulture) }).ToList(),
                [false, true]);
        }

        if (view.Data.Notes.GetValueOrDefault(key) is { } note && !string.IsNullOrWhiteSpace(note.Text))
        {
            layout.Paragraph(text["Report.Note"], layout.Bold, after: 2);
            layout.Paragraph(note.Text, layout.Body);
        }

        layout.Space(8);
    }

    private static void Groups(Layout layout, ReportView view, IStringLocalizer text)
    {
        var groups = view.Result.RoleGroups;
        var threshold = view.Data.Scan.AnonymityThreshold;
        layout.Heading(text["Report.Groups"], 1);
        layout.Paragraph(text.Plural("Report.GroupsIntro", threshold), layout.Body);
        if (groups.Count > 0)
        {
            var conditions = view.Questionnaire.Conditions;
            var share = 0.58 / conditions.Count;
            layout.Table(
                [text["Report.RoleGroup"], text["Report.Respondents"], .. conditions.Select(c => c.Name[view.Language])],
                [0.26, 0.16, .. conditions.Select(_ => share)],
                groups.Select(g => new[] { text[$"RoleGroup.{g.RoleGroup}"].Value, g.Respondents.ToString(CultureInfo.CurrentCulture) }
                    .Concat(g.Conditions.Select(c => ReportView.Score(c.Mean))).ToArray()).ToList(),
                [false, true, .. conditions.Select(_ => true)]);
        }
        else if (view.Data.Counts.Submitted > 0)
        {
            layout.Paragraph(text["Report.NoGroups"], layout.Body);
        }

        if (view.Result.HiddenRoleGroups > 0)
            layout.Paragraph(text.Plural("Report.HiddenGroups", view.Result.HiddenRoleGroups, threshold), layout.Body);
    }

    private static void Steps(Layout layout, ReportView view, IStringLocalizer text)
    {
        var steps = view.Data.Steps;
        layout.Heading(text["Report.Steps"], 1);
        if (steps.Count == 0)
        {
            layout.Paragraph(text["Report.NoSteps"], layout.Body);
            return;
        }

        foreach (var step in steps)
        {
            var title = $"{step.Position.ToString(CultureInfo.CurrentCulture)}. {step.Title}" + (step.IsPriority ? $" ({text["Report.Priority"]})" : "");
            // As on the page: the condition is named unless the title already is its name.
            var condition = step.ConditionKey is { } key && view.Questionnaire.Conditions.Any(c => c.Key == key) && view.ConditionName(key) != step.Title
                ? text["Report.StepCondition", view.ConditionName(key)].Value
                : null;
            var why = string.IsNullOrWhiteSpace(step.Why) ? null : $"{text["Result.Why"]} {step.Why}";
            layout.KeepTogether(layout.Height(title, layout.Bold)
                + (condition is null ? 0 : layout.Height(condition, layout.Small, indent: 14))
                + layout.Height(step.Text, layout.Body, indent: 14)
                + (why is null ? 0 : layout.Height(why, layout.Small, indent: 14)));
            layout.Paragraph(title, layout.Bold, after: 2);
            if (condition is not null)
                layout.Paragraph(condition, layout.Small, indent: 14, after: 2, color: Muted);
            layout.Paragraph(step.Text, layout.Body, indent: 14, after: 2);
            if (why is not null)
                layout.Paragraph(why, layout.Small, indent: 14, color: Muted);
            layout.Space(4);
        }
    }

    private static void Previous(Layout layout, ReportView view, AppTime time, IStringLocalizer text)
    {
        layout.Heading(text["Report.Previous"], 1);
        if (view.Data.Previous is not { } previous)
        {
            layout.Paragraph(text["Report.NoPrevious"], layout.Body);
            return;
        }

        var comparison = previous.Comparison;
        layout.Paragraph(text["Report.PreviousIntro", previous.Title, time.ToLocal(previous.CreatedAt).ToString("d", CultureInfo.CurrentCulture), text.Plural("Count.Responses", previous.Respondents)], layout.Body);
        var rows = comparison.Conditions.Select(change => new[]
        {
            view.ConditionName(change.Key),
            ReportView.Score(change.Previous),
            ReportView.Score(change.Current),
            ReportView.Change(change.ScoreChange),
            change.PreviousLevel is { } before && change.CurrentLevel is { } after ? text["Report.LevelFromTo", before, after, ReportView.Change(change.LevelChange)].Value : "–",
        }).ToList();
        rows.Add([text["Report.Index"], ReportView.Score(comparison.PreviousIndex), ReportView.Score(comparison.CurrentIndex), ReportView.Change(comparison.IndexChange), ""]);
        layout.Table(
            [text["Result.Condition"], text["Report.Before"], text["Report.Now"], text["Report.Change"], text["Report.LevelChange"]],
            [0.34, 0.14, 0.14, 0.14, 0.24],
            rows,
            [false, true, true, true, false]);
    }

    private static void Benchmark(Layout layout, ReportView view, IStringLocalizer text)
    {
        var data = view.Data;
        var minimum = view.Questionnaire.Settings.BenchmarkMinimum;
        layout.Heading(text["Report.Benchmark"], 1);
        if (data.Benchmark is not { } benchmark)
        {
            layout.Paragraph(text.Plural("Report.NoBenchmark", minimum, data.BenchmarkCandidates), layout.Body);
            return;
        }

        var result = benchmark.Result;
        var scope = benchmark.Scope == BenchmarkScope.Sector
            ? text.Plural("Report.BenchmarkSector", result.PopulationSize, text[$"Sector.{benchmark.Sector}"])
            : data.Scan.Sector is null
                ? text.Plural("Report.BenchmarkAll", result.PopulationSize)
                : text.Plural("Report.BenchmarkAllFallback", result.PopulationSize, text[$"Sector.{data.Scan.Sector}"], minimum);
        layout.Paragraph(scope, layout.Body);
        layout.Paragraph(text["Report.BenchmarkExplanation"], layout.Small, color: Muted);
        var rows = result.Conditions.Select(c => new[]
        {
            view.ConditionName(c.Key),
            ReportView.Score(view.Result.Condition(c.Key).Mean),
            ReportView.Score(benchmark.Median[c.Key]),
            ReportView.Score(c.Percentile),
            c.PopulationSize.ToString(CultureInfo.CurrentCulture),
        }).ToList();
        rows.Add([text["Report.Index"], ReportView.Score(view.Result.Index), "–", ReportView.Score(result.IndexPercentile), result.PopulationSize.ToString(CultureInfo.CurrentCulture)]);
        layout.Table(
            [text["Result.Condition"], text["Report.SeriesOwn"], text["Report.Median"], text["Report.Percentile"], text["Report.Population"]],
            [0.36, 0.16, 0.16, 0.16, 0.16],
            rows,
            [false, true, true, true, true]);
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

        /// <summary>
        /// A table with a shaded header row (if any), repeated after a page break. A short table is kept on one
        /// page. With <paramref name="boldFirstColumn"/> the first column labels the row.
        /// </summary>
        public void Table(IReadOnlyList<string>? headers, IReadOnlyList<double> widths, IReadOnlyList<string[]> rows, IReadOnlyList<bool> rightAligned, bool boldFirstColumn = false)
        {
            const double padding = 4;
            var columns = widths.Select(w => w * Width).ToArray();
            var pen = new XPen(Line, 0.75);
            var ink = new XSolidBrush(Ink);

            // The largest size (10 pt down to 7 pt) at which no word has to be broken inside its column.
            var all = headers is null ? rows : rows.Prepend(headers.ToArray());
            var size = new[] { 10, 9, 8, 7 }.FirstOrDefault(
                candidate => all.All(cells => cells.Select((cell, c) => (cell, c)).All(x =>
                    x.cell.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => Measure(word, Font(candidate, bold: true)) <= columns[x.c] - (2 * padding)))),
                7);
            var body = Font(size);
            var bold = Font(size, bold: true);

            XFont FontOf(int column, bool header) => header || (boldFirstColumn && column == 0) ? bold : body;

            double RowHeight(IReadOnlyList<string> cells, bool header) =>
                (cells.Select((cell, c) => Wrap(cell, FontOf(c, header), columns[c] - (2 * padding)).Count).Max() * body.GetHeight()) + (2 * padding);

            void DrawRow(IReadOnlyList<string> cells, bool header)
            {
                var height = RowHeight(cells, header);
                if (header)
                    Graphics.DrawRectangle(new XSolidBrush(Soft), Left, Y, Width, height);
                var x = Left;
                for (var c = 0; c < cells.Count; c++)
                {
                    var font = FontOf(c, header);
                    var y = Y + padding;
                    foreach (var line in Wrap(cells[c], font, columns[c] - (2 * padding)))
                    {
                        if (rightAligned[c])
                            Graphics.DrawString(line, font, ink, x + columns[c] - padding, y, XStringFormats.TopRight);
                        else
                            Graphics.DrawString(line, font, ink, x + padding, y, XStringFormats.TopLeft);
                        y += body.GetHeight();
                    }

                    x += columns[c];
                }

                Y += height;
                Graphics.DrawLine(pen, Left, Y, Left + Width, Y);
            }

            var headerHeight = headers is null ? 0 : RowHeight(headers, header: true);
            var total = headerHeight + rows.Sum(r => RowHeight(r, header: false));
            KeepTogether(total <= 300 ? total : headerHeight + (rows.Count > 0 ? RowHeight(rows[0], header: false) : 0));
            if (headers is not null)
                DrawRow(headers, header: true);
            else
                Graphics.DrawLine(pen, Left, Y, Left + Width, Y);
            foreach (var row in rows)
            {
                if (Y + RowHeight(row, header: false) > Bottom)
                {
                    NewPage();
                    if (headers is not null)
                        DrawRow(headers, header: true);
                }

                DrawRow(row, header: false);
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
