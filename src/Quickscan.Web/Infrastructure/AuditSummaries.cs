using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// The summaries the app writes for its own steps (a report note, a next step, the headcounts, a publication), as
/// opposed to a user's text (a client's name, a scan's title): stored in one fixed, language-neutral form, written
/// only here, and shown in the reader's language by <see cref="Show"/> (entries written before too).
/// </summary>
public static partial class AuditSummaries
{
    public const string Headcounts = "headcounts";
    public const string StepsRestored = "generated steps restored";
    public const string WordingRevision = "wording revision";
    public const string NewVersion = "new version";

    public static string NoteChanged(string conditionKey, string? before, string? after) =>
        $"{conditionKey}: {(after is null ? "cleared" : before is null ? "added" : "changed")}";

    public static string StepAdded(int position) => Step(position, "added");

    public static string StepEdited(int position) => Step(position, "edited");

    public static string StepRemoved(int position) => Step(position, "removed");

    public static string StepMoved(int position, string direction) => Step(position, $"moved {direction}");

    private static string Step(int position, string what) => string.Create(CultureInfo.InvariantCulture, $"step {position} {what}");

    [GeneratedRegex("^([a-z-]+): (added|changed|cleared)$")]
    private static partial Regex NotePattern();

    [GeneratedRegex("^step ([0-9]{1,4}) (added|edited|removed|moved up|moved down)$")]
    private static partial Regex StepPattern();

    /// <summary>The entry's summary as the audit trail shows it: the app's own in the reader's language, anything else as written.</summary>
    public static string Show(string action, string summary, IStringLocalizer text)
    {
        switch (action)
        {
            case AuditActions.ReportNoteChanged when NotePattern().Match(summary) is { Success: true } note && text[$"Condition.{note.Groups[1].Value}"] is { ResourceNotFound: false } condition:
                return text[$"AuditSummary.Note.{note.Groups[2].Value}", condition.Value];
            case AuditActions.ReportStepsChanged when StepPattern().Match(summary) is { Success: true } step:
                return text[$"AuditSummary.Step.{step.Groups[2].Value.Replace(' ', '-')}", int.Parse(step.Groups[1].Value, CultureInfo.InvariantCulture)];
            case AuditActions.ReportStepsChanged when summary == StepsRestored:
                return text["AuditSummary.StepsRestored"];
            case AuditActions.ReportHeadcountsChanged when summary == Headcounts:
                return text["AuditSummary.Headcounts"];
            case AuditActions.QuestionnairePublished when summary is WordingRevision or NewVersion:
                return text[summary == WordingRevision ? "AuditSummary.WordingRevision" : "AuditSummary.NewVersion"];
            default:
                return summary;
        }
    }
}
