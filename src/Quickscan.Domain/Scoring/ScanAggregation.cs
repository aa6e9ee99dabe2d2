using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

public static class ScanAggregation
{
    /// <summary>
    /// Aggregates the stored scores of a scan's respondents, survey and intake alike (each sheet says its track).
    /// Every figure is exact and independent of the respondents' order. Groups are shown from the anonymity
    /// threshold on (the scan's own, or else the questionnaire's). The figures are <see cref="ScanTally"/>'s, which
    /// also adds respondents to figures already computed.
    /// </summary>
    public static ScanResult Aggregate(Questionnaire questionnaire, IReadOnlyCollection<ScoreSheet> respondents, int? anonymityThreshold = null) =>
        ScanTally.Of(questionnaire, respondents).ToResult(anonymityThreshold ?? questionnaire.Settings.AnonymityThreshold);
}
