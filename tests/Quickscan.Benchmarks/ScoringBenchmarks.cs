using BenchmarkDotNet.Attributes;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Benchmarks;

/// <summary>
/// Budgets (issue 2): scoring one respondent under 20 µs; aggregating 10,000 respondents under 50 ms.
/// Both run on the default questionnaire with every scored question answered.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private Questionnaire _questionnaire = null!;
    private Answer[] _answers = null!;
    private ScoreSheet[] _respondents = null!;

    [GlobalSetup]
    public void Setup()
    {
        _questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        var random = new Random(42);
        _answers = RandomAnswers(random);
        string[] groups = ["employee", "management", "community-manager", "support"];
        _respondents = Enumerable.Range(0, 10_000)
            .Select(i => RespondentScoring.Score(_questionnaire, RandomAnswers(random)).ToSheet(groups[i % groups.Length]))
            .ToArray();
    }

    private Answer[] RandomAnswers(Random random) => _questionnaire.Questions
        .Select<QuestionDefinition, Answer>(q => q.Kind switch
        {
            QuestionKind.Agreement => new ScaleAnswer(q.Key, random.Next(1, 6)),
            QuestionKind.SingleChoice => new ChoiceAnswer(q.Key, q.Options![random.Next(q.Options.Count)].Key),
            _ => new TextAnswer(q.Key, "Een open antwoord."),
        })
        .ToArray();

    [Benchmark]
    public RespondentResult ScoreOneRespondent() => RespondentScoring.Score(_questionnaire, _answers);

    [Benchmark]
    public ScanResult Aggregate10000Respondents() => ScanAggregation.Aggregate(_questionnaire, _respondents);
}
