using Quickscan.Web.Pages.Shared;

namespace Quickscan.Web.Pages.Reports;

/// <summary>
/// A report in one language, as its readers see it: sections of blocks whose texts and figures are
/// already worded and formatted. The consultant's page, the sponsor's page and the PDF are renderings of
/// this one document (_ReportDocument.cshtml, <see cref="ReportPdf"/>), so they show the same sections,
/// figures and texts. A new report section is a new builder method in <see cref="ReportDocuments"/>;
/// both renderings draw it without change.
/// </summary>
public sealed record ReportDocument(
    ReportCover Cover,
    IReadOnlyList<ReportSection> Sections,
    ReportData Data);

/// <summary>What the PDF's cover and the page's header say; dates already in the reader's language.</summary>
public sealed record ReportCover(
    string Eyebrow,
    string Organisation,
    string ScanTitle,
    IReadOnlyList<ReportFact> Facts);

/// <summary>
/// One section: an id (the page's anchor), a heading, its blocks. Live sections are swapped by the page's
/// script when new responses come in.
/// </summary>
public sealed record ReportSection(string Id, string Heading, IReadOnlyList<ReportBlock> Blocks, bool Live = true);

public abstract record ReportBlock;

public enum TextTone
{
    Plain,

    /// <summary>A notice the reader should not miss.</summary>
    Notice,

    /// <summary>A warning: too few responses, say.</summary>
    Warning,

    /// <summary>An explanation in smaller, quieter type.</summary>
    Hint,
}

/// <summary>A paragraph; an optional bold lead-in; line breaks kept when <see cref="PreserveLines"/>.</summary>
public sealed record TextBlock(string Text, TextTone Tone = TextTone.Plain, string? Lead = null, bool PreserveLines = false, string? CssClass = null) : ReportBlock;

/// <summary>A level as a coloured pill with its label, and a figure beside it (the index, a score).</summary>
public sealed record LevelBlock(int Level, string Label, string? Figure) : ReportBlock;

public sealed record ReportFact(string Label, string Value, bool Flagged = false);

/// <summary>Label–value pairs.</summary>
public sealed record FactsBlock(IReadOnlyList<ReportFact> Facts) : ReportBlock;

public sealed record ReportColumn(string Header, bool Numeric = false);

/// <summary>A cell: its text, a bar (0–100) drawn beside it, a level whose colour it takes.</summary>
public sealed record ReportCell(string Text, double? Bar = null, int? Level = null);

public sealed record ReportRow(string Header, IReadOnlyList<ReportCell> Cells, bool Total = false);

/// <summary>A table whose first column names the rows. On a page every table scrolls in its own box if it is wider than the screen.</summary>
public sealed record TableBlock(string Caption, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows, string Id, bool Bars = false) : ReportBlock;

/// <summary>The radar chart; the same figures are in the table that follows it.</summary>
public sealed record ChartBlock(RadarChart Chart) : ReportBlock;

/// <summary>Views side by side on the page (the respondents' and the expert's), one after the other in the PDF.</summary>
public sealed record PanelsBlock(IReadOnlyList<ReportPanel> Panels) : ReportBlock;

public sealed record ReportPanel(string Heading, IReadOnlyList<ReportBlock> Blocks, bool Expert = false);

/// <summary>
/// A part of a section with its own heading: a condition. Its figures are live; its note is not, so a
/// consultant writing a note keeps the form.
/// </summary>
public sealed record SubsectionBlock(string Id, string Heading, string? Tag, IReadOnlyList<ReportBlock> Figures, NoteBlock? Note) : ReportBlock;

/// <summary>The consultant's note on a condition (Text null when there is none; the page then offers to write one).</summary>
public sealed record NoteBlock(string ConditionKey, string ConditionName, string Heading, string? Text) : ReportBlock;

/// <summary>A next step on the roadmap, worded in the reader's language where it has one.</summary>
public sealed record ReportStepItem(
    int Position,
    bool IsPriority,
    string Title,
    string Text,
    string? Why,
    string? Condition,
    string? Owner,
    string? Horizon,
    string? LanguageNote,
    ReportStep Step);

/// <summary>The next steps as a roadmap: number, priority, owner and horizon; <see cref="Empty"/> says there are none.</summary>
public sealed record StepsBlock(IReadOnlyList<ReportStepItem> Steps, string Empty, string PriorityLabel, string WhyLabel, string OwnerLabel, string HorizonLabel) : ReportBlock;

/// <summary>
/// A titled group of blocks: collapsible on the page (a &lt;details&gt;, closed), a small heading in the PDF.
/// </summary>
public sealed record GroupBlock(string Id, string Heading, IReadOnlyList<ReportBlock> Blocks) : ReportBlock;

/// <summary>An answer category of a distribution: its label and its colour (a level's, or "dk"/"na"/"n").</summary>
public sealed record DistributionCategory(string Label, string Tone);

/// <summary>One question's answers per category (Counts align with the block's categories) over Shown.</summary>
public sealed record DistributionRow(string Header, IReadOnlyList<int> Counts, int Shown);

/// <summary>
/// Answer distributions as horizontal stacked bars, one row per question: the bar is drawn beside the question,
/// the counts per category are the table's cells, so the figures are there as text too.
/// </summary>
public sealed record DistributionBlock(string Caption, IReadOnlyList<DistributionCategory> Categories, string ShownHeader, IReadOnlyList<DistributionRow> Rows, string QuestionHeader, string Id) : ReportBlock;

/// <summary>
/// Quotes of one open question; <see cref="ReportQuote.Hidden"/> ones only on the consultant's page, marked. Only the
/// first <see cref="Cap"/> are drawn, then "and N more answers": <see cref="MoreForReaders"/> counts the visible ones
/// (sponsor view, PDF), <see cref="MoreForConsultant"/> all of them (null when nothing is left over).
/// </summary>
public sealed record QuotesBlock(string Heading, IReadOnlyList<ReportQuote> Quotes, string HiddenLabel, string HideLabel, string ShowLabel, string? MoreForReaders = null, string? MoreForConsultant = null) : ReportBlock
{
    /// <summary>A question with hundreds of open answers would bury the report; the rest stay a click away.</summary>
    public const int Cap = 5;

    /// <summary>
    /// At most this many are on the report page (the first <see cref="Cap"/>, then the rest in a list to open); a
    /// question with more has a page of its own that lists them all, <see cref="PageSize"/> at a time, so a scan of
    /// thousands of respondents doesn't make a report of megabytes.
    /// </summary>
    public const int OnReport = 50;

    public const int PageSize = 50;

    /// <summary>The id of the block's list of the rest: a hide or show there comes back with that list open.</summary>
    public string Key { get; init; } = "";

    public Domain.Scoring.Track Track { get; init; }

    public string QuestionKey { get; init; } = "";

    /// <summary>How many quotes the question has: <see cref="Quotes"/> holds the first of them (at most <see cref="OnReport"/> of all and of the visible ones).</summary>
    public QuoteCount Count { get; init; } = new(0, 0);

    /// <summary>How many a reader sees in all: every one for the consultant, the visible ones otherwise.</summary>
    public int CountFor(bool consultant) => consultant ? Count.All : Count.Visible;

    public static string KeyOf(Domain.Scoring.Track track, string questionKey) =>
        $"quotes-{(track == Domain.Scoring.Track.Intake ? "intake" : "survey")}-{new string([.. questionKey.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')])}";

    /// <summary>The quotes a reader sees: all for the consultant (hidden ones marked), only the visible ones otherwise.</summary>
    public IReadOnlyList<ReportQuote> For(bool consultant) => consultant ? Quotes : [.. Quotes.Where(q => !q.Hidden)];
}

/// <summary>The consultant's headcount form (page only, for the consultant: an edit control, like the note form).</summary>
public sealed record HeadcountsBlock(IReadOnlyList<string> Departments, ReportHeadcounts Headcounts) : ReportBlock
{
    /// <summary>
    /// The departments the form lists, in name order: those with a headcount, then those with the most responses, as
    /// many as can be stored with the form's free rows beside them (respondents type their department, so a large scan
    /// can name hundreds, and a row for each would make a form that can't be posted); another one goes in a free row.
    /// </summary>
    public static IReadOnlyList<string> Listed(IReadOnlyDictionary<string, int> responses, IReadOnlyDictionary<string, int> headcounts) =>
        [.. headcounts.Keys.Select(name => (Name: name, Rank: 0, Responses: 0))
            .Concat(responses.Select(r => (Name: r.Key, Rank: 1, Responses: r.Value)))
            .OrderBy(d => d.Rank).ThenByDescending(d => d.Responses).ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .DistinctBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Take(HeadcountsInput.MaxDepartments - HeadcountsInput.FreeRows)
            .Select(d => d.Name)
            .Order(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>
/// How a page shows a report document: for the consultant (edit controls, live updates) or read-only.
/// <see cref="Headcounts"/> is a refused headcount post, shown again with its messages.
/// </summary>
public sealed record ReportPageView(ReportDocument Document, bool CanEdit, string? LiveUrl = null, bool StepsConflict = false, HeadcountsForm? Headcounts = null)
{
    public ReportData Data => Document.Data;

    /// <summary>The <see cref="QuotesBlock.Key"/> of the list of quotes to show open (where the consultant just hid or showed one).</summary>
    public string? OpenQuotes { get; init; }

    /// <summary>The page of all of a block's quotes (by its <see cref="QuotesBlock.Key"/>), for a block with more than the report shows.</summary>
    public Func<string, string>? AllQuotesUrl { get; init; }
}

/// <summary>Blocks rendered by _ReportBlocks.cshtml, inside a page view.</summary>
public sealed record ReportBlocksView(ReportPageView Page, IReadOnlyList<ReportBlock> Blocks);

/// <summary>
/// One quote as _ReportQuote.cshtml draws it; for the consultant with a hide or show form posting to
/// <see cref="Action"/> (with <see cref="ReturnBlock"/> when the page should come back with that list open).
/// </summary>
public sealed record ReportQuoteView(ReportQuote Quote, QuotesBlock Block, Guid ScanId, bool CanEdit, string Action, string? ReturnBlock = null);

/// <summary>One page of a question's quotes (Pages/Scans/Quotes, Pages/Sponsor/Quotes): all for the consultant, the visible ones for readers.</summary>
public sealed record QuotesListView(ReportScan Scan, QuotesBlock Block, bool CanEdit, int Page, int Pages, int Count, IReadOnlyList<ReportQuote> Quotes)
{
    /// <summary>Page <paramref name="page"/> of the question's quotes (<paramref name="all"/>: every one, hidden ones marked); null when there is no such page.</summary>
    public static QuotesListView? Of(ReportScan scan, QuotesBlock block, IReadOnlyList<ReportQuote> all, bool consultant, int page)
    {
        var quotes = consultant ? all : [.. all.Where(q => !q.Hidden)];
        var pages = Shared.PagerView.PagesFor(quotes.Count, QuotesBlock.PageSize);
        if (page < 1 || page > pages)
            return null;
        return new QuotesListView(scan, block, consultant, page, pages, quotes.Count, [.. quotes.Skip((page - 1) * QuotesBlock.PageSize).Take(QuotesBlock.PageSize)]);
    }
}
