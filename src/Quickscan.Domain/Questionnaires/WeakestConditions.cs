using Quickscan.Domain.Arithmetic;

namespace Quickscan.Domain.Questionnaires;

/// <summary>
/// Where the bottleneck lies. Bottleneck is named only when the weakest condition is at least the margin below
/// the next one; otherwise JointlyWeakest lists every condition within the margin of the weakest (in the
/// questionnaire's order). Conditions without a score (too few answers, or not asked) are never passed over:
/// Unscored names them, because the bottleneck may lie there.
/// </summary>
public sealed record WeakestConditions(string? Bottleneck, IReadOnlyList<string> JointlyWeakest, IReadOnlyList<string> Unscored)
{
    public static WeakestConditions None { get; } = new(null, [], []);

    /// <summary>Whether a named bottleneck could still be wrong because some condition has no score.</summary>
    public bool MayLieElsewhere => Unscored.Count > 0;

    public static WeakestConditions Find(Questionnaire questionnaire, IReadOnlyDictionary<string, Rational?> scores, Rational margin)
    {
        var scored = new List<(string Key, Rational Score)>();
        var unscored = new List<string>();
        foreach (var condition in questionnaire.Conditions)
        {
            if (scores.TryGetValue(condition.Key, out var score) && score is { } value)
                scored.Add((condition.Key, value));
            else
                unscored.Add(condition.Key);
        }

        if (scored.Count == 0)
            return new(null, [], unscored);

        var lowest = scored.Min(s => s.Score);
        var joint = scored.Where(s => s.Score - lowest < margin).Select(s => s.Key).ToList();
        // One condition alone below the margin, with at least one other scored condition to be below.
        var bottleneck = joint.Count == 1 && scored.Count > 1 ? joint[0] : null;
        return new(bottleneck, bottleneck is null ? joint : [bottleneck], unscored);
    }
}
