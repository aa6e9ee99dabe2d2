using BenchmarkDotNet.Attributes;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Benchmarks;

/// <summary>
/// A report polled during a workshop after one new response at 2,000 respondents: aggregating every sheet again
/// against adding the new sheet to a copy of the kept tally. Default questionnaire, every scored question answered.
/// </summary>
[MemoryDiagnoser]
public class TallyBenchmarks
{
    private Questionnaire _questionnaire = null!;
    private ScoreSheet[] _respondents = null!;
    private ScoreSheet _added = null!;
    private ScanTally _kept = null!;

    [GlobalSetup]
    public void Setup()
    {
        _questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        var random = new Random(42);
        string[] groups = ["employee", "management", "community-manager", "support"];
        var sheets = Enumerable.Range(0, 2_001)
            .Select(i => RespondentScoring.Score(_questionnaire, RandomAnswers(random)).ToSheet(groups[i % groups.Length]))
            .ToArray();
        _respondents = sheets;
        _added = sheets[^1];
        _kept = ScanTally.Of(_questionnaire, sheets[..^1]);
    }

    private Answer[] RandomAnswers(Random random) => _questionnaire.Questions
        .Select<QuestionDefinition, Answer>(q => q.Kind switch
        {
            QuestionKind.Agreement => new ScaleAnswer(q.Key, random.Next(1, 6)),
            QuestionKind.SingleChoice => new ChoiceAnswer(q.Key, q.Options![random.Next(q.Options.Count)].Key),
            _ => new TextAnswer(q.Key, "Een open antwoord."),
        })
        .ToArray();

    [Benchmark(Baseline = true)]
    public ScanResult AggregateAll2001() => ScanAggregation.Aggregate(_questionnaire, _respondents, 5);

    [Benchmark]
    public ScanResult AddOneToACopyOf2000() => _kept.With([_added]).ToResult(5);
}
