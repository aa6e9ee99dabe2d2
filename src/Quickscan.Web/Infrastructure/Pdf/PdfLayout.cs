using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Quickscan.Web.Infrastructure.Pdf;

/// <summary>A part of a stacked bar: its share of the bar (0–100) and its colour.</summary>
public sealed record PdfSegment(double Share, XColor Colour);

/// <summary>
/// A table cell: text, an optional bar (0–100) under it, an optional fill colour (with its text colour), or a
/// stacked bar (<see cref="Segments"/>) under it instead of the bar.
/// </summary>
public sealed record PdfCell(string Text, double? Bar = null, XColor? Fill = null, XColor? TextColor = null, IReadOnlyList<PdfSegment>? Segments = null)
{
    public static implicit operator PdfCell(string text) => new(text);
}

/// <summary>
/// A small top-down flow layout over A4 pages for PDFsharp: paragraphs with word wrap, headings that keep
/// with what follows, label–value facts, tables (header repeated after a page break, bars and coloured
/// cells), pills, page breaks, and a footer with page numbers drawn once every page exists. Knows nothing
/// about reports. Fonts: <see cref="PdfFonts"/> (embedded DejaVu Sans).
/// </summary>
public sealed class PdfLayout(PdfDocument document)
{
    public const double Left = 56;
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    private const double Top = 56;
    private const double Bottom = PageHeight - 64;

    public static readonly XColor Ink = XColor.FromArgb(0x1b, 0x1f, 0x24);
    public static readonly XColor Muted = XColor.FromArgb(0x4a, 0x55, 0x60);
    public static readonly XColor Line = XColor.FromArgb(0xc9, 0xd1, 0xd9);
    public static readonly XColor Soft = XColor.FromArgb(0xf3, 0xf6, 0xf9);

    private XGraphics? _graphics;

    public XFont Body { get; } = Font(10);
    public XFont Bold { get; } = Font(10, bold: true);
    public XFont Small { get; } = Font(8.5);

    /// <summary>The colour of headings and bars.</summary>
    public XColor Accent { get; init; } = XColor.FromArgb(0x0b, 0x5c, 0xad);

    /// <summary>DejaVu Sans, embedded with Unicode encoding: any character it has renders, and the text can be extracted.</summary>
    public static XFont Font(double size, bool bold = false)
    {
        PdfFonts.EnsureRegistered();
        return new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    public double Width => PageWidth - (2 * Left);

    public double Y { get; private set; }

    /// <summary>The number (1…) of the page being drawn on.</summary>
    public int PageNumber => document.PageCount;

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

    /// <summary>Draws on a page that is already there (a contents page filled in at the end, say).</summary>
    public void DrawOn(int pageNumber, Action<XGraphics> draw)
    {
        using var gfx = XGraphics.FromPdfPage(document.Pages[pageNumber - 1], XGraphicsPdfPageOptions.Append);
        draw(gfx);
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
        Paragraph(text, font, after: level == 1 ? 8 : 4, color: level == 1 ? Accent : Ink);
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

    /// <summary>A rounded label on a coloured ground, then <paramref name="after"/> text beside it on the same line.</summary>
    public void Pill(string text, XColor fill, XColor textColor, string? after = null)
    {
        var font = Font(11, bold: true);
        var width = Measure(text, font) + 16;
        var height = font.GetHeight() + 8;
        KeepTogether(height + 4);
        Graphics.DrawRoundedRectangle(new XSolidBrush(fill), Left, Y, width, height, 10, 10);
        Graphics.DrawString(text, font, new XSolidBrush(textColor), Left + 8, Y + 4, XStringFormats.TopLeft);
        if (after is not null)
            Graphics.DrawString(after, Font(11), new XSolidBrush(Ink), Left + width + 10, Y + 4, XStringFormats.TopLeft);
        Y += height + 8;
    }

    public void Rule()
    {
        Space(4);
        Graphics.DrawLine(new XPen(Line, 0.75), Left, Y, Left + Width, Y);
        Space(10);
    }

    /// <summary>Label–value pairs, the label in bold.</summary>
    public void Facts(IReadOnlyList<(string Label, string Value)> facts, XFont? font = null, XFont? labelFont = null)
    {
        var body = font ?? Body;
        var bold = labelFont ?? Bold;
        var labelWidth = Math.Min(Width * 0.4, facts.Max(f => Measure(f.Label, bold)) + 16);
        foreach (var (label, value) in facts)
        {
            var lines = Wrap(value, body, Width - labelWidth);
            var height = lines.Count * body.GetHeight();
            if (Y + height > Bottom)
                NewPage();
            Graphics.DrawString(label, bold, new XSolidBrush(Ink), Left, Y, XStringFormats.TopLeft);
            var y = Y;
            foreach (var line in lines)
            {
                Graphics.DrawString(line, body, new XSolidBrush(Ink), Left + labelWidth, y, XStringFormats.TopLeft);
                y += body.GetHeight();
            }

            Y += height + 3;
        }

        Y += 6;
    }

    /// <summary>
    /// A table with a shaded header row (if any), repeated after a page break. A short table is kept on one
    /// page. With <paramref name="boldFirstColumn"/> the first column labels the row. A cell with a bar
    /// gets a thin bar in <see cref="Accent"/> (or its fill) under its text; a cell with a fill is shaded.
    /// </summary>
    public void Table(IReadOnlyList<string>? headers, IReadOnlyList<double> widths, IReadOnlyList<PdfCell[]> rows, IReadOnlyList<bool> rightAligned, bool boldFirstColumn = false, IReadOnlyList<bool>? boldRows = null)
    {
        const double padding = 4;
        const double barHeight = 4;
        const double stackHeight = 7;
        var columns = widths.Select(w => w * Width).ToArray();
        var pen = new XPen(Line, 0.75);

        // The largest size (10 pt down to 7 pt) at which no word has to be broken inside its column.
        var all = headers is null ? rows : rows.Prepend(headers.Select(h => new PdfCell(h)).ToArray());
        var size = new[] { 10, 9, 8, 7 }.FirstOrDefault(
            candidate => all.All(cells => cells.Select((cell, c) => (cell, c)).All(x =>
                x.cell.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => Measure(word, Font(candidate, bold: true)) <= columns[x.c] - (2 * padding)))),
            7);
        var body = Font(size);
        var bold = Font(size, bold: true);

        XFont FontOf(int column, bool header, bool boldRow) => header || boldRow || (boldFirstColumn && column == 0) ? bold : body;

        double RowHeight(IReadOnlyList<PdfCell> cells, bool header, bool boldRow) =>
            (cells.Select((cell, c) => (Wrap(cell.Text, FontOf(c, header, boldRow), columns[c] - (2 * padding)).Count * body.GetHeight()) + (cell.Bar is null && cell.Segments is null ? 0 : (cell.Segments is null ? barHeight : stackHeight) + 2)).Max()) + (2 * padding);

        void DrawRow(IReadOnlyList<PdfCell> cells, bool header, bool boldRow)
        {
            var height = RowHeight(cells, header, boldRow);
            if (header)
                Graphics.DrawRectangle(new XSolidBrush(Soft), Left, Y, Width, height);
            var x = Left;
            for (var c = 0; c < cells.Count; c++)
            {
                var cell = cells[c];
                var font = FontOf(c, header, boldRow);
                var lines = Wrap(cell.Text, font, columns[c] - (2 * padding));
                if (cell.Fill is { } fill && cell.Bar is null)
                {
                    var textWidth = lines.Max(l => Measure(l, font)) + (2 * padding);
                    Graphics.DrawRoundedRectangle(new XSolidBrush(fill), rightAligned[c] ? x + columns[c] - textWidth - 2 : x + 2, Y + 2, textWidth, height - 4, 6, 6);
                }

                var ink = new XSolidBrush(cell.Bar is null && cell.TextColor is { } t ? t : Ink);
                var y = Y + padding;
                foreach (var line in lines)
                {
                    if (rightAligned[c])
                        Graphics.DrawString(line, font, ink, x + columns[c] - padding, y, XStringFormats.TopRight);
                    else
                        Graphics.DrawString(line, font, ink, x + padding, y, XStringFormats.TopLeft);
                    y += body.GetHeight();
                }

                if (cell.Segments is { } segments)
                {
                    // A stacked bar: the segments side by side on the track, a thin white gap between them.
                    var track = columns[c] - (2 * padding);
                    Graphics.DrawRectangle(new XSolidBrush(Soft), x + padding, y + 1, track, stackHeight);
                    var at = x + padding;
                    foreach (var segment in segments)
                    {
                        var width = track * Math.Clamp(segment.Share, 0, 100) / 100;
                        if (width <= 0)
                            continue;
                        Graphics.DrawRectangle(new XSolidBrush(segment.Colour), at, y + 1, width, stackHeight);
                        if (at > x + padding)
                            Graphics.DrawLine(new XPen(XColors.White, 0.75), at, y + 1, at, y + 1 + stackHeight);
                        at += width;
                    }
                }
                else if (cell.Bar is { } bar)
                {
                    var track = columns[c] - (2 * padding);
                    Graphics.DrawRectangle(new XSolidBrush(Soft), x + padding, y + 1, track, barHeight);
                    Graphics.DrawRectangle(new XSolidBrush(cell.Fill ?? Accent), x + padding, y + 1, track * Math.Clamp(bar, 0, 100) / 100, barHeight);
                }

                x += columns[c];
            }

            Y += height;
            Graphics.DrawLine(pen, Left, Y, Left + Width, Y);
        }

        var headerCells = headers?.Select(h => new PdfCell(h)).ToArray();
        bool BoldRow(int i) => boldRows is not null && boldRows[i];
        var headerHeight = headerCells is null ? 0 : RowHeight(headerCells, header: true, boldRow: false);
        var total = headerHeight + rows.Select((r, i) => RowHeight(r, false, BoldRow(i))).Sum();
        KeepTogether(total <= 300 ? total : headerHeight + (rows.Count > 0 ? RowHeight(rows[0], false, BoldRow(0)) : 0));
        if (headerCells is not null)
            DrawRow(headerCells, header: true, boldRow: false);
        else
            Graphics.DrawLine(pen, Left, Y, Left + Width, Y);
        for (var i = 0; i < rows.Count; i++)
        {
            if (Y + RowHeight(rows[i], false, BoldRow(i)) > Bottom)
            {
                NewPage();
                if (headerCells is not null)
                    DrawRow(headerCells, header: true, boldRow: false);
            }

            DrawRow(rows[i], header: false, BoldRow(i));
        }

        Y += 10;
    }

    /// <summary>
    /// Ends the last page and draws the footer on every page from <paramref name="firstPage"/> on: a label on the
    /// left, the page number on the right.
    /// </summary>
    public void Finish(string left, Func<int, int, string> right, int firstPage = 1)
    {
        _graphics?.Dispose();
        _graphics = null;
        var muted = new XSolidBrush(Muted);
        for (var i = firstPage - 1; i < document.PageCount; i++)
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
    public List<string> Wrap(string text, XFont font, double width)
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

    public double Measure(string text, XFont font) => Graphics.MeasureString(text, font).Width;
}
