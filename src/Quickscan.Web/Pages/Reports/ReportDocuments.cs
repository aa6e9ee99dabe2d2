using System.Globalization;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Reports;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Shared;

namespace Quickscan.Web.Pages.Reports;

/// <summary>
/// Words a report's data in one language: the one place where the report's sections, texts and figures
/// are decided. The page and the PDF render what this builds, nothing else.
/// </summary>
public sealed class ReportDocuments(IStringLocalizer<SharedResource> text, AppTime time, TimeProvider clock)
{
    public ReportDocument Build(ReportData data, Language language)
    {
        var culture = Localization.CultureFor(language);
        var w = new Words(data, language, culture, text);
        return new ReportDocument(
            Cover(w, data),
            [Summary(w, data), Profile(w, data), Conditions(w, data), Perception(w, data), Groups(w, data), Response(w, data), DontKnow(w, data), Distributions(w, data), Quotes(w, data), Steps(w, data), Previous(w, data), Benchmark(w, data)],
            data);
    }

    /// <summary>One question's quotes, as the report words them, for the page that lists them all; null for an unknown key.</summary>
    public QuotesBlock? QuotesOf(ReportData data, Language language, string key) =>
        Quotes(new Words(data, language, Localization.CultureFor(language), text), data).Blocks.OfType<QuotesBlock>().SingleOrDefault(b => b.Key == key);

    /// <summary>The localizer and the questionnaire in the reader's language, with the report's number formats.</summary>
    private sealed record Words(ReportData Data, Language Language, CultureInfo Culture, IStringLocalizer Text)
    {
        public Questionnaire Q => Data.Questionnaire;

        public string this[string key, params object[] arguments] =>
            arguments.Length == 0 ? Text[key].Value : Text[key, arguments.Select(a => a is IFormattable f ? f.ToString(null, Culture) : a).ToArray()].Value;

        /// <summary>A counted text in its singular or plural form (KEY.One / KEY.Other, see <see cref="Plurals"/>); the count is {0}.</summary>
        public string Plural(string key, long count, params object[] more) => this[Plurals.KeyFor(key, count), [count, .. more]];

        public string Condition(string key) => Q.Condition(key).Name[Language];

        public string Factor(string key) => Q.Factor(key).Name[Language];

        public string LevelName(int number) => Q.Level(number).Name[Language];

        public string Level(int number) => $"{this["Result.Level", number]}: {LevelName(number)}";

        public string Score(double? value) => ReportFormat.Score(value, Culture);

        public string Score(Quickscan.Domain.Arithmetic.Rational? value) => ReportFormat.Score(value, Culture);

        public string Change(double? value) => ReportFormat.Change(value, Culture);

        /// <summary>A 90% confidence interval as "48–61"; "–" where there is none (a single respondent).</summary>
        public string Interval(ConfidenceInterval? interval) =>
            interval is { } i ? this["Report.IntervalValue", Score(Math.Clamp(i.Low, 0, 100)), Score(Math.Clamp(i.High, 0, 100))] : "–";

        public string Change(Quickscan.Domain.Arithmetic.Rational? value) => ReportFormat.Change(value, Culture);

        /// <summary>Names as a list in the reader's language: "A, B en C".</summary>
        public string List(IReadOnlyList<string> names) =>
            names.Count <= 1 ? string.Concat(names) : this["Report.ListAnd", string.Join(", ", names.Take(names.Count - 1)), names[^1]];

        /// <summary>A share 0–1 as whole percentage points, rounded half away from zero like every figure: "63%".</summary>
        public string Percent(Quickscan.Domain.Arithmetic.Rational? share) =>
            share is null ? "–" : this["Report.Percent", Quickscan.Domain.Arithmetic.ScoreFormat.Percent(share, Culture)];

        /// <summary>A question's text in the reader's language with the scan's platform name in place.</summary>
        public string Question(string key) => Q.TryGetQuestion(key, out var question) ? Q.Render(question.Text, Language, Data.Scan.PlatformName) ?? key : key;

        /// <summary>"employees" or "the owner team (intake)": who a track's figures are about.</summary>
        public string TrackName(Track track) => this[$"Report.Track.{track}"];
    }

    private ReportCover Cover(Words w, ReportData data)
    {
        var scan = data.Scan;
        var q = data.Questionnaire;
        var facts = new List<ReportFact>
        {
            new(w["Export.Pdf.Date"], time.FormatDate(clock.GetUtcNow(), w.Culture)),
            new(w["Export.Pdf.Responses"], w.Plural("Export.Pdf.ResponseCount", data.Counts.Submitted)),
            new(w["Export.Pdf.Questionnaire"], $"{q.Definition.Title[w.Language]} (v{q.Version.ToString(CultureInfo.InvariantCulture)})"),
        };
        if (scan.ConsultantName is { Length: > 0 } consultant)
            facts.Add(new(w["Report.Cover.Consultant"], consultant));
        if (scan.ResponsesDeletedAt is { } deleted)
            facts.Add(new(w["Report.Cover.ResponsesDeleted"], time.FormatDate(deleted, w.Culture)));
        return new ReportCover(w["Export.Pdf.Eyebrow"], scan.OrganisationName, scan.Title, facts);
    }

    private ReportSection Summary(Words w, ReportData data)
    {
        var result = data.Result;
        var counts = data.Counts;
        var threshold = data.Scan.AnonymityThreshold;
        var rest = w.Plural("Report.Started", counts.Started)
            + (counts.Interviews > 0 ? " " + w.Plural("Report.Interviews", counts.Interviews) : "")
            + (counts.LastResponseAt is { } last ? " " + w["Report.LastResponse", time.Format(last, w.Culture)] : "");
        var blocks = new List<ReportBlock> { new TextBlock(rest, Lead: w.Plural("Report.Basis", result.Respondents), CssClass: "report-basis") };
        blocks.AddRange(Quality(w, data));
        if (data.Questionnaire.HasIntake())
        {
            // Per way in: the employees' survey and the owner team's intake are different sources.
            blocks.Add(new FactsBlock(
            [
                new(w["Report.WayIn.Survey"], result.SurveyRespondents.ToString(w.Culture)),
                new(w["Report.WayIn.Intake"], result.IntakeRespondents.ToString(w.Culture), Flagged: !result.HasIntake),
            ]));
        }

        // What the scan lacks, per reason, from the domain's verdict on each condition: never a made-up number.
        foreach (var gap in new[] { ScanGap.NoIntake, ScanGap.NoSurvey, ScanGap.TooFewAnswers })
        {
            var lacking = result.Conditions.Where(c => c.Lacks == gap).Select(c => w.Condition(c.Key)).ToList();
            if (lacking.Count > 0 && (gap != ScanGap.TooFewAnswers || result.Respondents > 0))
                blocks.Add(new TextBlock(w.Plural($"Report.Lacks.{gap}", lacking.Count, w.List(lacking)), TextTone.Warning, CssClass: $"report-lacks report-lacks-{gap.ToString().ToLowerInvariant()}"));
        }

        if (result.Respondents == 0)
        {
            blocks.Add(new TextBlock(w["Report.NoResponses"], TextTone.Notice));
        }
        else
        {
            if (result.Respondents < threshold)
                blocks.Add(new TextBlock(w.Plural("Report.FewResponses", threshold), TextTone.Warning));
            if (result.Index is { } index && result.Level is { } level)
                blocks.Add(new LevelBlock(level.Number, w.Level(level.Number), w["Result.Index", w.Score(index)]));
            else
                blocks.Add(new TextBlock(w["Report.NoIndex"]));
            if (result.Bottleneck is { } bottleneck)
                blocks.Add(new TextBlock(w["Result.Bottleneck", w.Condition(bottleneck)], TextTone.Notice));
            else if (result.Weakest.JointlyWeakest.Count > 1)
                blocks.Add(new TextBlock(w["Result.JointlyWeakest", string.Join(", ", result.Weakest.JointlyWeakest.Select(w.Condition))], TextTone.Notice));
            if (result.Weakest.Unscored.Count > 0)
                blocks.Add(new TextBlock(w["Result.BottleneckMayLieIn", string.Join(", ", result.Weakest.Unscored.Select(w.Condition))], TextTone.Notice));
        }

        return new ReportSection("summary", w["Report.Summary"], blocks);
    }

    /// <summary>
    /// The quality of the response, for every reader: submissions left out as not counted (too few answered), the
    /// counted responses flagged per kind, and whether the flagged ones are excluded from every figure. Nothing
    /// when there is nothing to say.
    /// </summary>
    private static IEnumerable<ReportBlock> Quality(Words w, ReportData data)
    {
        if (data.Counts.Quality is not { } quality || (quality.NotCounted == 0 && quality.Flagged == 0))
            yield break;
        var facts = new List<ReportFact>();
        if (quality.NotCounted > 0)
        {
            var percent = (int)Math.Round(data.Questionnaire.Settings.MinimumAnsweredShare * 100, MidpointRounding.AwayFromZero);
            facts.Add(new(w["Report.Quality.NotCounted", percent], quality.NotCounted.ToString(w.Culture), Flagged: true));
        }

        if (quality.Flagged > 0)
        {
            facts.Add(new(w["Report.Quality.StraightLining"], quality.StraightLining.ToString(w.Culture), Flagged: quality.StraightLining > 0));
            facts.Add(new(w["Report.Quality.TooFast"], quality.TooFast.ToString(w.Culture), Flagged: quality.TooFast > 0));
        }

        yield return new FactsBlock(facts);
        if (quality.Flagged > 0)
        {
            yield return new TextBlock(
                quality.ExcludeFlagged ? w.Plural("Report.Quality.Excluded", quality.Excluded) : w.Plural("Report.Quality.Included", quality.Flagged),
                quality.ExcludeFlagged ? TextTone.Notice : TextTone.Plain,
                CssClass: "report-quality");
        }
    }

    private static ReportSection Profile(Words w, ReportData data)
    {
        var blocks = new List<ReportBlock>();
        if (data.Result.Respondents > 0)
            blocks.Add(new ChartBlock(Chart(w, data)));
        var columns = new List<ReportColumn> { new(w["Report.Mean"], Numeric: true), new(w["Result.LevelColumn"]) };
        if (data.Previous is not null)
            columns.Add(new(w["Report.SeriesPrevious"], Numeric: true));
        if (data.Benchmark is not null)
            columns.Add(new(w["Report.SeriesBenchmark"], Numeric: true));
        var rows = data.Result.Conditions.Select(c =>
        {
            var cells = new List<ReportCell>
            {
                new(w.Score(c.Mean), Bar: c.Mean),
                c.Level is { } level ? new($"{level.Number} – {level.Name[w.Language]}", Level: level.Number) : new(w["Result.Insufficient"]),
            };
            if (data.Previous is { } previous)
                cells.Add(new(w.Score(previous.Profile.ConditionScore(c.Key))));
            if (data.Benchmark is { } benchmark)
                cells.Add(new(w.Score(benchmark.Median[c.Key])));
            return new ReportRow(w.Condition(c.Key), cells);
        }).ToList();
        blocks.Add(new TableBlock(w["Report.ProfileCaption"], [new(w["Result.Condition"]), .. columns], rows, Id: "profile-table"));
        return new ReportSection("profile", w["Report.Profile"], blocks);
    }

    /// <summary>The radar: this scan, the benchmark's median and the previous scan, on rings labelled 0–100.</summary>
    private static RadarChart Chart(Words w, ReportData data)
    {
        var q = data.Questionnaire;
        var series = new List<RadarSeries> { new(w["Report.SeriesOwn"], data.Result.Conditions.Select(c => (double?)c.Mean).ToList(), "series-own") };
        if (data.Benchmark is { } benchmark)
            series.Add(new(w["Report.SeriesBenchmark"], q.Conditions.Select(c => benchmark.Median[c.Key]).ToList(), "series-benchmark"));
        if (data.Previous is { } previous)
            series.Add(new(w["Report.SeriesPrevious"], q.Conditions.Select(c => (double?)previous.Profile.ConditionScore(c.Key)).ToList(), "series-previous"));
        return new RadarChart(w["Report.ChartTitle"], q.Conditions.Select(c => c.Name[w.Language]).ToList(), series);
    }

    private static ReportSection Conditions(Words w, ReportData data) =>
        new("conditions", w["Report.Conditions"], data.Result.Conditions.Select(c => (ReportBlock)Condition(w, data, c)).ToList(), Live: false);

    private static SubsectionBlock Condition(Words w, ReportData data, ConditionAggregate condition)
    {
        var key = condition.Key;
        var q = data.Questionnaire;
        var name = w.Condition(key);
        var statistics = condition.Statistics;

        var own = new List<ReportBlock>();
        if (statistics is null || condition.Level is null)
        {
            own.Add(new TextBlock(condition.Lacks switch
            {
                ScanGap.NoIntake => w["Report.NoScore.NoIntake"],
                ScanGap.NoSurvey => w["Report.NoScore.NoSurvey"],
                _ => w["Report.NoScore"],
            }));
        }
        else
        {
            own.Add(new LevelBlock(condition.Level.Number, w.Level(condition.Level.Number), w["Report.ScoreOf", w.Score(condition.Score)]));
            own.Add(new TextBlock(q.ConditionLevel(key, condition.Level.Number).Description[w.Language]));
            own.Add(new FactsBlock(
            [
                new(w["Report.Spread"], w["Report.SpreadValue", w.Score(statistics.Min), w.Score(statistics.Max)]),
                new(w["Report.Sd"], ReportFormat.Decimal(statistics.StandardDeviation, w.Culture)),
                new(w["Report.Interval90"], w.Interval(statistics.Interval90)),
                new(w["Report.N"], condition.Excluded > 0 ? $"{statistics.N.ToString(w.Culture)} {w.Plural("Report.Excluded", condition.Excluded)}" : statistics.N.ToString(w.Culture)),
                condition.LacksConsensus ? new(w["Report.Consensus"], w["Report.LacksConsensus"], Flagged: true) : new(w["Report.Consensus"], w["Report.HasConsensus"]),
            ]));
        }

        var panels = new List<ReportPanel> { new(w["Report.RespondentsView"], own) };
        if (data.Assessments.GetValueOrDefault(key) is { } assessment)
        {
            var expert = new List<ReportBlock>
            {
                new LevelBlock(assessment.Level, w.Level(assessment.Level), null),
                new TextBlock(q.ConditionLevel(key, assessment.Level).Description[w.Language]),
            };
            if (!string.IsNullOrWhiteSpace(assessment.Comment))
                expert.Add(new TextBlock(assessment.Comment, PreserveLines: true));
            panels.Add(new(w["Report.ExpertView"], expert, Expert: true));
        }

        var figures = new List<ReportBlock> { new PanelsBlock(panels) };
        if (statistics is not null)
        {
            figures.Add(new TableBlock(
                w["Report.FactorsCaption", name],
                [new(w["Report.Factor"]), new(w["Result.Score"]), new(w["Report.Interval90"], Numeric: true)],
                condition.Factors.Select(f => new ReportRow(w.Factor(f.Key), [new(w.Score(f.Statistics?.Mean), Bar: f.Statistics?.Mean ?? 0), new(w.Interval(f.Statistics?.Interval90))])).ToList(),
                Id: $"factors-{key}",
                Bars: true));
            var most = Math.Max(1, condition.LevelDistribution.DefaultIfEmpty(0).Max());
            figures.Add(new TableBlock(
                w["Report.DistributionCaption", name],
                [new(w["Result.LevelColumn"]), new(w["Report.Respondents"])],
                condition.LevelDistribution.Select((count, i) => new ReportRow($"{i + 1} – {w.LevelName(i + 1)}", [new(count.ToString(w.Culture), Bar: 100.0 * count / most, Level: i + 1)])).ToList(),
                Id: $"levels-{key}",
                Bars: true));
        }

        var note = data.Notes.GetValueOrDefault(key);
        return new SubsectionBlock(
            $"condition-{key}",
            name,
            data.Result.Bottleneck == key ? w["Export.Pdf.BottleneckTag"] : null,
            figures,
            new NoteBlock(key, name, w["Report.Note"], string.IsNullOrWhiteSpace(note?.Text) ? null : note.Text));
    }

    /// <summary>
    /// How differently the owner team, management and the other employees see each condition, on the factors
    /// the domain compares them on. A group under the anonymity threshold has no figure (the domain hides it);
    /// its cell says so instead of showing a number.
    /// </summary>
    private static ReportSection Perception(Words w, ReportData data)
    {
        var result = data.Result;
        var threshold = data.Scan.AnonymityThreshold;
        var blocks = new List<ReportBlock> { new TextBlock(w.Plural("Report.PerceptionIntro", threshold)) };
        var gaps = result.PerceptionGaps.Where(g => g.OwnerTeamCount + g.ManagementCount + g.EmployeesCount > 0).ToList();
        if (gaps.Count == 0)
        {
            blocks.Add(new TextBlock(w["Report.NoPerception"]));
            return new ReportSection("perception", w["Report.Perception"], blocks);
        }

        ReportCell Group(Quickscan.Domain.Arithmetic.Rational? mean, int count) =>
            mean is { } value ? new($"{w.Score(value)} (n = {count.ToString(w.Culture)})", Bar: value)
            : count == 0 ? new("–")
            : new(w["Report.PerceptionHidden", threshold]);
        blocks.Add(new TableBlock(
            w["Report.PerceptionCaption"],
            [
                new(w["Result.Condition"]), new(w["Report.OwnerTeam"], true), new(w["Report.Management"], true), new(w["Report.Employees"], true),
                new(w["Report.OwnerVsEmployees"], true), new(w["Report.ManagementVsEmployees"], true),
            ],
            gaps.Select(g => new ReportRow(
                w.Condition(g.Key),
                [
                    Group(g.OwnerTeam, g.OwnerTeamCount), Group(g.Management, g.ManagementCount), Group(g.Employees, g.EmployeesCount),
                    new(w.Change(g.OwnerVsEmployees)), new(w.Change(g.ManagementVsEmployees)),
                ])).ToList(),
            Id: "perception-caption"));
        blocks.Add(new TextBlock(w["Report.PerceptionExplanation"], TextTone.Hint));
        return new ReportSection("perception", w["Report.Perception"], blocks);
    }

    private static ReportSection Groups(Words w, ReportData data)
    {
        var result = data.Result;
        var threshold = data.Scan.AnonymityThreshold;
        var blocks = new List<ReportBlock> { new TextBlock(w.Plural("Report.GroupsIntro", threshold)) };
        if (result.RoleGroups.Count > 0)
        {
            var conditions = data.Questionnaire.Conditions;
            blocks.Add(new TableBlock(
                w["Report.GroupsCaption"],
                [new(w["Report.RoleGroup"]), new(w["Report.Respondents"], Numeric: true), .. conditions.Select(c => new ReportColumn(c.Name[w.Language], Numeric: true))],
                result.RoleGroups.Select(g => new ReportRow(
                    w[$"RoleGroup.{g.RoleGroup}"],
                    [new(g.Respondents.ToString(w.Culture)), .. g.Conditions.Select(c => new ReportCell(w.Score(c.Mean)))])).ToList(),
                Id: "groups-caption"));
        }
        else if (result.Respondents > 0)
        {
            blocks.Add(new TextBlock(w["Report.NoGroups"]));
        }

        if (result.HiddenRoleGroups > 0)
            blocks.Add(new TextBlock(w.Plural("Report.HiddenGroups", result.HiddenRoleGroups, threshold), CssClass: "report-hidden-groups"));
        return new ReportSection("groups", w["Report.Groups"], blocks);
    }

    /// <summary>
    /// Responses against the consultant's headcounts, per department and per role group (employees' survey only).
    /// A group with fewer responses than the anonymity threshold is not named: one muted line counts them.
    /// </summary>
    private static ReportSection Response(Words w, ReportData data)
    {
        var threshold = data.Scan.AnonymityThreshold;
        var blocks = new List<ReportBlock> { new TextBlock(w.Plural("Report.ResponseIntro", threshold)) };
        if (data.Instrument is { } instrument)
        {
            if (instrument.Headcounts.IsEmpty)
                blocks.Add(new TextBlock(w["Report.NoHeadcounts"], CssClass: "report-no-headcounts"));
            void Rates(string id, string caption, string column, IReadOnlyDictionary<string, int> responses, IReadOnlyDictionary<string, int> headcounts, Func<string, string> name)
            {
                var rates = InstrumentFindings.Rates(responses, headcounts, threshold);
                if (rates.Shown.Count > 0)
                {
                    blocks.Add(new TableBlock(
                        caption,
                        [new(column), new(w["Report.Responses"], Numeric: true), new(w["Report.Headcount"], Numeric: true), new(w["Report.Rate"], Numeric: true)],
                        rates.Shown.Select(r => new ReportRow(name(r.Group),
                        [
                            new(r.Responses.ToString(w.Culture)),
                            new(r.Headcount?.ToString(w.Culture) ?? "–"),
                            new(w.Percent(r.Rate), Bar: r.Rate is { } rate ? Math.Min(100, rate.ToDouble() * 100) : null),
                        ])).ToList(),
                        Id: id));
                }

                if (rates.HiddenGroups > 0)
                    blocks.Add(new TextBlock(w.Plural("Report.RatesHidden", rates.HiddenGroups, threshold), TextTone.Hint, CssClass: "report-hidden-rates"));
            }

            Rates("rates-departments", w["Report.RatesDepartments"], w["Report.Department"], instrument.DepartmentResponses, instrument.Headcounts.Departments, g => g);
            Rates("rates-roles", w["Report.RatesRoleGroups"], w["Report.RoleGroup"], instrument.RoleGroupResponses, instrument.Headcounts.RoleGroups, g => w[$"RoleGroup.{g}"]);
            blocks.Add(new HeadcountsBlock(HeadcountsBlock.Listed(instrument.DepartmentResponses, instrument.Headcounts.Departments), instrument.Headcounts));
        }

        return new ReportSection("response", w["Report.Response"], blocks, Live: false);
    }

    /// <summary>The tracks a report speaks of: the survey, and the intake where the questionnaire has one.</summary>
    private static IReadOnlyList<Track> Tracks(ReportData data) =>
        data.Questionnaire.HasIntake() ? [Track.Survey, Track.Intake] : [Track.Survey];

    /// <summary>
    /// Don't-know as a finding: per track, every question from the finding share on as a sentence, and per factor
    /// the share over its reportable questions. Survey questions shown to fewer than the anonymity threshold are
    /// left out (one muted line counts them); the owner intake is not anonymous.
    /// </summary>
    private static ReportSection DontKnow(Words w, ReportData data)
    {
        var threshold = data.Scan.AnonymityThreshold;
        var q = data.Questionnaire;
        var blocks = new List<ReportBlock> { new TextBlock(w["Report.DontKnowIntro", ReportFormat.Score(InstrumentFindings.DontKnowFindingShare * 100, w.Culture)]) };
        if (data.Instrument is not { } instrument || instrument.Survey.Respondents + instrument.Intake.Respondents == 0)
        {
            blocks.Add(new TextBlock(w["Report.NoAnswers"]));
            return new ReportSection("dontknow", w["Report.DontKnow"], blocks);
        }

        var tracks = Tracks(data).Where(t => instrument.Track(t).Respondents > 0).ToList();
        var findings = 0;
        foreach (var track in tracks)
        {
            foreach (var finding in InstrumentFindings.DontKnow(q, instrument.Track(track), threshold))
            {
                findings++;
                blocks.Add(new TextBlock(
                    w[$"Report.DontKnowFinding.{track}", w.Percent(finding.Share), finding.DontKnow, finding.Shown, w.Question(finding.QuestionKey)],
                    TextTone.Notice,
                    CssClass: "report-finding"));
            }
        }

        if (findings == 0)
            blocks.Add(new TextBlock(w["Report.DontKnowNone", ReportFormat.Score(InstrumentFindings.DontKnowFindingShare * 100, w.Culture)], CssClass: "report-finding-none"));

        var hidden = instrument.Survey.Items.Count(i => InstrumentFindings.IsScoredItem(q, i.QuestionKey) && i.Shown > 0 && !InstrumentFindings.IsReported(Track.Survey, i.Shown, threshold));
        if (hidden > 0)
            blocks.Add(new TextBlock(w.Plural("Report.ItemsHidden", hidden, threshold), TextTone.Hint, CssClass: "report-hidden-items"));

        ReportCell Share(Track track, string factor) =>
            InstrumentFindings.Factor(q, instrument.Track(track), factor, threshold) is { DontKnowShare: { } share } f
                ? new(w["Report.ShareOf", w.Percent(share), f.DontKnow, f.Shown], Bar: share.ToDouble() * 100)
                : new("–");
        blocks.Add(new TableBlock(
            w["Report.DontKnowCaption"],
            [new(w["Report.Factor"]), .. tracks.Select(t => new ReportColumn(w[$"Report.TrackColumn.{t}"], Numeric: true))],
            q.Conditions.SelectMany(c => c.Factors).Select(f => new ReportRow(w.Factor(f.Key), tracks.Select(t => Share(t, f.Key)).ToList())).ToList(),
            Id: "dontknow-caption",
            Bars: true));
        return new ReportSection("dontknow", w["Report.DontKnow"], blocks);
    }

    /// <summary>
    /// Per condition (collapsible on the page) and track: the agreement questions' answers 1–5, don't know and not
    /// applicable as stacked bars in one table, each single-choice question in its own (its options). Only
    /// questions that may be reported (<see cref="InstrumentFindings.IsReported"/>).
    /// </summary>
    private static ReportSection Distributions(Words w, ReportData data)
    {
        var threshold = data.Scan.AnonymityThreshold;
        var q = data.Questionnaire;
        var blocks = new List<ReportBlock> { new TextBlock(w.Plural("Report.DistributionsIntro", threshold)) };
        if (data.Instrument is not { } instrument || instrument.Survey.Respondents + instrument.Intake.Respondents == 0)
        {
            blocks.Add(new TextBlock(w["Report.NoAnswers"]));
            return new ReportSection("distributions", w["Report.Distributions"], blocks);
        }

        var dk = new DistributionCategory(w["Scale.DontKnow"], "dk");
        var na = new DistributionCategory(w["Scale.NotApplicable"], "na");
        List<DistributionCategory> scale = [.. Enumerable.Range(1, 5).Select(v => new DistributionCategory($"{v} – {w[$"Scale.{v}"]}", $"{v}")), dk, na];
        foreach (var condition in q.Conditions)
        {
            var parts = new List<ReportBlock>();
            foreach (var track in Tracks(data).Where(t => instrument.Track(t).Respondents > 0))
            {
                var quality = instrument.Track(track);
                var items = condition.Factors.SelectMany(f => f.Questions).Where(x => x.IsScored())
                    .Select(x => (Question: x, Figures: quality.Item(x.Key)))
                    .Where(x => InstrumentFindings.IsReported(track, x.Figures.Shown, threshold))
                    .ToList();
                var agreement = items.Where(x => x.Question.Kind == QuestionKind.Agreement).ToList();
                var caption = w["Report.DistributionsCaption", w.TrackName(track), w.Condition(condition.Key)];
                if (agreement.Count > 0)
                {
                    parts.Add(new DistributionBlock(
                        caption,
                        scale,
                        w["Report.Shown"],
                        agreement.Select(x => new DistributionRow(
                            w.Question(x.Question.Key),
                            [.. Enumerable.Range(1, 5).Select(v => x.Figures.Distribution.GetValueOrDefault(v.ToString(CultureInfo.InvariantCulture))), x.Figures.DontKnow, x.Figures.NotApplicable],
                            x.Figures.Shown)).ToList(),
                        w["Report.Question"],
                        $"dist-{condition.Key}-{track.ToString().ToLowerInvariant()}"));
                }

                foreach (var (question, figures) in items.Where(x => x.Question.Kind != QuestionKind.Agreement))
                {
                    var options = question.Options ?? [];
                    parts.Add(new DistributionBlock(
                        $"{caption}: {w.Question(question.Key)}",
                        [.. options.Select((o, i) => new DistributionCategory(q.Render(o.Label, w.Language, data.Scan.PlatformName) ?? o.Key, (1 + (i * 4 / Math.Max(1, options.Count - 1))).ToString(CultureInfo.InvariantCulture))), dk, na],
                        w["Report.Shown"],
                        [new DistributionRow(w.Question(question.Key), [.. options.Select(o => figures.Distribution.GetValueOrDefault(o.Key)), figures.DontKnow, figures.NotApplicable], figures.Shown)],
                        w["Report.Question"],
                        $"dist-{question.Key.Replace('.', '-')}-{track.ToString().ToLowerInvariant()}"));
                }
            }

            if (parts.Count == 0)
                parts.Add(new TextBlock(w.Plural("Report.DistributionsNone", threshold)));
            blocks.Add(new GroupBlock($"distribution-{condition.Key}", w.Condition(condition.Key), parts));
        }

        return new ReportSection("distributions", w["Report.Distributions"], blocks);
    }

    /// <summary>
    /// The open answers as quotes, per question and track, only where the group shown the question is at least the
    /// anonymity threshold; never with a department or role. Hidden ones are in the document, marked, and drawn only
    /// on the consultant's page.
    /// </summary>
    private static ReportSection Quotes(Words w, ReportData data)
    {
        var threshold = data.Scan.AnonymityThreshold;
        var blocks = new List<ReportBlock> { new TextBlock(w.Plural("Report.QuotesIntro", threshold)) };
        var quotes = data.Instrument?.Quotes ?? [];
        if (quotes.Count == 0)
            blocks.Add(new TextBlock(w["Report.NoQuotes"], CssClass: "report-no-quotes"));
        string? More(int count) => count > QuotesBlock.Cap ? w.Plural("Report.QuotesMore", count - QuotesBlock.Cap) : null;
        foreach (var group in quotes.GroupBy(x => (x.Track, x.QuestionKey)))
        {
            // The instrument holds the first ones; the counts are of all of them.
            var count = data.Instrument!.QuoteCounts[group.Key];
            blocks.Add(new QuotesBlock(
                w["Report.QuotesHeading", w.TrackName(group.Key.Track), w.Question(group.Key.QuestionKey)],
                [.. group],
                w["Report.QuoteHidden"],
                w["Report.QuoteHide"],
                w["Report.QuoteShow"],
                More(count.Visible),
                More(count.All))
            {
                Key = QuotesBlock.KeyOf(group.Key.Track, group.Key.QuestionKey),
                Track = group.Key.Track,
                QuestionKey = group.Key.QuestionKey,
                Count = count,
            });
        }

        return new ReportSection("quotes", w["Report.Quotes"], blocks, Live: false);
    }

    private static ReportSection Steps(Words w, ReportData data)
    {
        var q = data.Questionnaire;
        var items = data.Steps.Select(step =>
        {
            var title = step.Title[w.Language];
            // The condition is named unless the title already is its name.
            var condition = step.ConditionKey is { } key && q.Conditions.Any(c => c.Key == key) && w.Condition(key) != title
                ? w["Report.StepCondition", w.Condition(key)]
                : null;
            var languageNote = step.WrittenIn is { } written && written != w.Language ? w[$"Report.StepWrittenIn.{written.Code()}"] : null;
            return new ReportStepItem(
                step.Position,
                step.IsPriority,
                title,
                step.Text[w.Language],
                string.IsNullOrWhiteSpace(step.Why?[w.Language]) ? null : step.Why[w.Language],
                condition,
                step.Owner,
                step.HorizonDays is { } days ? w["Report.StepHorizonDays", days] : null,
                languageNote,
                step);
        }).ToList();
        return new ReportSection("steps", w["Report.Steps"], [new StepsBlock(items, w["Report.NoSteps"], w["Report.Priority"], w["Result.Why"], w["Report.StepOwner"], w["Report.StepHorizon"])]);
    }

    private ReportSection Previous(Words w, ReportData data)
    {
        if (data.Previous is not { } previous)
            return new ReportSection("previous", w["Report.Previous"], [new TextBlock(w["Report.NoPrevious"])]);
        var comparison = previous.Comparison;
        var rows = comparison.Conditions.Select(change => new ReportRow(
            w.Condition(change.Key),
            [
                new(w.Score(change.Previous)),
                new(w.Score(change.Current)),
                new(w.Change(change.ScoreChange)),
                new(change.PreviousLevel is { } before && change.CurrentLevel is { } after ? w["Report.LevelFromTo", before, after, ReportFormat.Change(change.LevelChange, w.Culture)] : "–"),
            ])).ToList();
        rows.Add(new ReportRow(w["Report.Index"], [new(w.Score(comparison.PreviousIndex)), new(w.Score(comparison.CurrentIndex)), new(w.Change(comparison.IndexChange)), new("")], Total: true));
        return new ReportSection("previous", w["Report.Previous"],
        [
            new TextBlock(w["Report.PreviousIntro", previous.Title, time.FormatDate(previous.CreatedAt, w.Culture), w.Plural("Count.Responses", previous.Respondents)]),
            new TableBlock(
                w["Report.PreviousCaption"],
                [new(w["Result.Condition"]), new(w["Report.Before"], true), new(w["Report.Now"], true), new(w["Report.Change"], true), new(w["Report.LevelChange"])],
                rows,
                Id: "previous-caption"),
        ]);
    }

    private static ReportSection Benchmark(Words w, ReportData data)
    {
        var minimum = data.Questionnaire.Settings.BenchmarkMinimum;
        if (data.Benchmark is not { } benchmark)
            return new ReportSection("benchmark", w["Report.Benchmark"], [new TextBlock(w.Plural("Report.NoBenchmark", minimum, data.BenchmarkCandidates))]);
        var result = benchmark.Result;
        var scope = benchmark.Scope == BenchmarkScope.Sector
            ? w.Plural("Report.BenchmarkSector", result.PopulationSize, w[$"Sector.{benchmark.Sector}"])
            : data.Scan.Sector is null
                ? w.Plural("Report.BenchmarkAll", result.PopulationSize)
                : w.Plural("Report.BenchmarkAllFallback", result.PopulationSize, w[$"Sector.{data.Scan.Sector}"], minimum);
        var rows = result.Conditions.Select(c => new ReportRow(
            w.Condition(c.Key),
            [
                new(w.Score(data.Result.Condition(c.Key).Mean)),
                new(w.Score(benchmark.Median[c.Key])),
                new(w.Score(c.Percentile)),
                new(c.PopulationSize.ToString(w.Culture)),
            ])).ToList();
        rows.Add(new ReportRow(w["Report.Index"], [new(w.Score(data.Result.Index)), new("–"), new(w.Score(result.IndexPercentile)), new(result.PopulationSize.ToString(w.Culture))], Total: true));
        return new ReportSection("benchmark", w["Report.Benchmark"],
        [
            new TextBlock(scope, CssClass: "report-scope"),
            new TextBlock(w["Report.BenchmarkExplanation"], TextTone.Hint),
            new TableBlock(
                w["Report.BenchmarkCaption"],
                [new(w["Result.Condition"]), new(w["Report.SeriesOwn"], true), new(w["Report.Median"], true), new(w["Report.Percentile"], true), new(w["Report.Population"], true)],
                rows,
                Id: "benchmark-caption"),
        ]);
    }
}
