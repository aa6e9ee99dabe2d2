using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// One short step of the questionnaire: (part of) one factor's questions, at most <see cref="RespondentSteps.MaxQuestions"/>,
/// so a step fits about two phone screens. <see cref="Key"/> names it in the URL: the factor's key, with "~2" for its second part.
/// </summary>
public sealed record Step(
    int Number,
    string Key,
    ConditionDefinition Condition,
    FactorDefinition Factor,
    int Part,
    int Parts,
    IReadOnlyList<QuestionDefinition> Questions)
{
    /// <summary>The number of the first question on this step, counted over the respondent's whole questionnaire.</summary>
    public int FirstQuestionNumber { get; init; } = 1;

    /// <summary>The scored questions of this step (the progress counts them), worked out once.</summary>
    public IReadOnlyList<QuestionDefinition> Scored { get; } = [.. Questions.Where(q => q.IsScored())];
}

/// <summary>
/// The respondent's questionnaire as steps, built from <see cref="ShownQuestions"/> alone: the one place that
/// decides which questions a respondent is shown (routing plugs in there), so steps, progress, resume, review
/// and validation always agree.
/// </summary>
public sealed class RespondentSteps
{
    public const int MaxQuestions = 3;

    private readonly Dictionary<string, Step> _byKey;

    public IReadOnlyList<Step> Steps { get; }

    /// <summary>The scored questions this respondent is asked: the progress bar's total.</summary>
    public int ScoredCount { get; }

    private RespondentSteps(IReadOnlyList<Step> steps)
    {
        Steps = steps;
        _byKey = steps.ToDictionary(s => s.Key, StringComparer.Ordinal);
        ScoredCount = steps.Sum(s => s.Scored.Count);
    }

    /// <summary>
    /// The questions shown to this respondent, in questionnaire order: the domain's routing for the employee
    /// survey (audience, role group from the profile, conditions on earlier answers).
    /// </summary>
    public static IReadOnlyList<QuestionDefinition> ShownQuestions(Questionnaire questionnaire, RespondentView? respondent, Track track = Track.Survey) =>
        questionnaire.Shown(respondent?.Profile ?? new RespondentProfile(track), respondent?.Answers ?? new Dictionary<string, Answer>());

    /// <summary>
    /// The steps of this respondent, or (without one yet) of a newcomer through a link of this track. Steps
    /// follow from the shown questions alone, and a questionnaire has few distinct sets of those (role groups,
    /// conditional questions), so each set's steps are built once and shared (they are immutable); every step
    /// view and save used to rebuild them.
    /// </summary>
    public static RespondentSteps For(Questionnaire questionnaire, RespondentView? respondent, Track track = Track.Survey)
    {
        var shown = ShownQuestions(questionnaire, respondent, track);
        var cache = Cache.GetValue(questionnaire, static _ => new());
        var key = ShownKey(questionnaire, shown);
        if (cache.TryGetValue(key, out var steps))
            return steps;
        steps = Build(questionnaire, shown.Select(q => q.Key).ToHashSet(StringComparer.Ordinal));
        if (cache.Count < MaxCachedSets)
            cache.TryAdd(key, steps);
        return steps;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Questionnaire, System.Collections.Concurrent.ConcurrentDictionary<string, RespondentSteps>> Cache = new();

    /// <summary>A bound on the sets kept per questionnaire (there are a handful in practice).</summary>
    private const int MaxCachedSets = 1000;

    /// <summary>The shown questions as a bit per question of the questionnaire, in its order (Shown keeps that order).</summary>
    private static string ShownKey(Questionnaire questionnaire, IReadOnlyList<QuestionDefinition> shown)
    {
        var all = questionnaire.AllQuestions;
        var bits = new char[(all.Count + 15) / 16];
        var next = 0;
        for (var i = 0; i < all.Count && next < shown.Count; i++)
        {
            if (!ReferenceEquals(all[i], shown[next]))
                continue;
            bits[i / 16] |= (char)(1 << (i % 16));
            next++;
        }

        // Not in questionnaire order after all: key on the keys themselves.
        return next == shown.Count ? new string(bits) : "keys:" + string.Join('\n', shown.Select(q => q.Key));
    }

    private static RespondentSteps Build(Questionnaire questionnaire, HashSet<string> shown)
    {
        var steps = new List<Step>();
        var questionNumber = 1;
        // The intake opens with the context (platform, size, years in use): one step of its own, not a condition.
        var context = questionnaire.ContextQuestions.Where(q => shown.Contains(q.Key)).ToList();
        foreach (var chunk in context.Count > 0 ? Chunks(context) : [])
        {
            steps.Add(new Step(steps.Count + 1, steps.Count == 0 ? ContextFactor.Key : $"{ContextFactor.Key}~{steps.Count + 1}", ContextCondition, ContextFactor, steps.Count + 1, 0, chunk)
            {
                FirstQuestionNumber = questionNumber,
            });
            questionNumber += chunk.Count;
        }

        foreach (var step in steps.ToList())
            steps[step.Number - 1] = step with { Parts = steps.Count };

        foreach (var condition in questionnaire.Conditions)
        {
            foreach (var factor in condition.Factors)
            {
                var questions = factor.Questions.Where(q => shown.Contains(q.Key)).ToList();
                if (questions.Count == 0)
                    continue;
                var chunks = Chunks(questions);
                var parts = chunks.Count;
                for (var part = 1; part <= parts; part++)
                {
                    var chunk = chunks[part - 1];
                    steps.Add(new Step(steps.Count + 1, part == 1 ? factor.Key : $"{factor.Key}~{part}", condition, factor, part, parts, chunk)
                    {
                        FirstQuestionNumber = questionNumber,
                    });
                    questionNumber += chunk.Count;
                }
            }
        }

        return new RespondentSteps(steps);
    }

    /// <summary>
    /// A factor's questions in even parts of at most <see cref="MaxQuestions"/> slots (5 questions: 3 + 2, not 4 + 1).
    /// A single-choice question takes two slots: its options are sentences, and a step must stay within about two
    /// phone screens.
    /// </summary>
    private static List<List<QuestionDefinition>> Chunks(List<QuestionDefinition> questions)
    {
        static int Slots(QuestionDefinition question) => question.Kind == QuestionKind.SingleChoice ? 2 : 1;
        var total = questions.Sum(Slots);
        var parts = (total + MaxQuestions - 1) / MaxQuestions;
        var target = (total + parts - 1) / parts;
        var chunks = new List<List<QuestionDefinition>> { new() };
        var used = 0;
        foreach (var question in questions)
        {
            if (chunks[^1].Count > 0 && used + Slots(question) > target)
            {
                chunks.Add([]);
                used = 0;
            }

            chunks[^1].Add(question);
            used += Slots(question);
        }

        return chunks;
    }

    /// <summary>The intake's context questions as a section of their own (no weight, no levels: they describe, they don't score).</summary>
    public static ConditionDefinition ContextCondition { get; } = new()
    {
        Key = "context",
        Weight = 0,
        Name = new("Over de organisatie", "About the organisation"),
        Description = new(
            "Eerst een paar vragen over de organisatie en het platform, zodat de uitkomsten in hun context gelezen worden.",
            "First a few questions about the organisation and the platform, so that the results are read in their context."),
        Levels = [],
        Factors = [],
    };

    private static FactorDefinition ContextFactor { get; } = new()
    {
        Key = "context",
        Weight = 0,
        Name = new("De organisatie en het platform", "The organisation and the platform"),
        Advice = new() { Text = new("", "") },
        Questions = [],
    };

    public Step? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The step that shows a question, or null when this respondent is not shown it.</summary>
    public Step? StepOf(string questionKey) => Steps.FirstOrDefault(s => s.Questions.Any(q => q.Key == questionKey));

    public Step? Next(Step step) => step.Number < Steps.Count ? Steps[step.Number] : null;

    public Step? Previous(Step step) => step.Number > 1 ? Steps[step.Number - 2] : null;

    /// <summary>The first step of a condition (for the section list and old /c/{condition} links).</summary>
    public Step? FirstOf(string conditionKey) => Steps.FirstOrDefault(s => s.Condition.Key == conditionKey);

    /// <summary>Where a returning respondent continues: the first step with an unanswered scored question, or null when all are answered.</summary>
    public Step? FirstIncomplete(IReadOnlyDictionary<string, Answer> answers) =>
        Steps.FirstOrDefault(s => s.Scored.Any(q => !answers.ContainsKey(q.Key)));

    public int Answered(IReadOnlyDictionary<string, Answer> answers) =>
        Steps.Sum(s => s.Scored.Count(q => answers.ContainsKey(q.Key)));

    public int Answered(ConditionDefinition condition, IReadOnlyDictionary<string, Answer> answers) =>
        Steps.Where(s => s.Condition.Key == condition.Key).Sum(s => s.Scored.Count(q => answers.ContainsKey(q.Key)));

    public int Scored(ConditionDefinition condition) =>
        Steps.Where(s => s.Condition.Key == condition.Key).Sum(s => s.Scored.Count);

    /// <summary>The conditions this respondent has questions in.</summary>
    public IEnumerable<ConditionDefinition> Conditions => Steps.Select(s => s.Condition).DistinctBy(c => c.Key);
}
