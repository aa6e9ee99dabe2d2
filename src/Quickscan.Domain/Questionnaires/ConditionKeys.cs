namespace Quickscan.Domain.Questionnaires;

/// <summary>The four preconditions for communities that keep delivering value. The keys are fixed across versions.</summary>
public static class ConditionKeys
{
    public const string Usage = "usage";
    public const string Purposefulness = "purposefulness";
    public const string Organisation = "organisation";
    public const string ProcessIntegration = "process-integration";

    public static IReadOnlyList<string> All { get; } = [Usage, Purposefulness, Organisation, ProcessIntegration];
}
