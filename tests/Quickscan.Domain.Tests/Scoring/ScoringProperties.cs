using System.Text.Json;
using CsCheck;
using Quickscan.Domain.Advice;

namespace Quickscan.Domain.Tests.Scoring;

/// <summary>
/// Properties that must hold for any respondent, on the test questionnaires (v1 and v2 style) and on the shipped
/// versions 1 and 2, on both ways in (the survey with any role group, the intake).
/// </summary>
public class ScoringProperties
{
    private static readonly Questionnaire Small = TestQuestionnaire.Create();
    private static readonly Questionnaire SmallV2 = TestQuestionnaireV2.Create();
    private static readonly Questionnaire V1 = DefaultQuestionnaire.DefaultQuestionnaire.Load(1);
    private static readonly Questionnaire V2 = DefaultQuestionnaire.DefaultQuestionnaire.Load(2);

    public static TheoryData<string> Questionnaires => ["small", "small-v2", "v1", "v2"];

    public static TheoryData<string, Track> QuestionnairesAndTracks => new()
    {
        { "small", Track.Survey }, { "small-v2", Track.Survey }, { "small-v2", Track.Intake },
        { "v1", Track.Survey }, { "v2", Track.Survey }, { "v2", Track.Intake },
    };

    private static Questionnaire Pick(string name) => name switch
    {
        "small" => Small,
        "small-v2" => SmallV2,
        "v1" => V1,
        _ => V2,
    };

    private static readonly string?[] RoleGroups = [null, .. RoleGroupKeys.All];

    /// <summary>
    /// Any valid set of answers: each question (context included) skipped, or answered with any answer it offers
    /// (a scale value, an option, "don't know" or "not applicable" where offered, a text).
    /// </summary>
    internal static Gen<Answer[]> AnswersFor(Questionnaire questionnaire)
    {
        var questions = questionnaire.AllQuestions.ToArray();
        return Gen.Int[0, 1_000].Array[questions.Length].Select(draws =>
            questions.Zip(draws, ToAnswer).OfType<Answer>().ToArray());
    }

    private static Answer? ToAnswer(QuestionDefinition question, int draw)
    {
        if (question.Kind == QuestionKind.OpenText)
            return draw % 2 == 0 ? null : new TextAnswer(question.Key, new string('x', draw % 50));
        var values = question.Kind == QuestionKind.Agreement
            ? Enumerable.Range(ScaleAnswer.Min, ScaleAnswer.Max).Select(v => (Answer)new ScaleAnswer(question.Key, v))
            : question.Options!.Select(o => (Answer)new ChoiceAnswer(question.Key, o.Key));
        Answer?[] all =
        [
            null,
            .. values,
            .. question.DontKnow ? new Answer[] { new DontKnowAnswer(question.Key) } : [],
            .. question.NotApplicable ? new Answer[] { new NotApplicableAnswer(question.Key) } : [],
        ];
        return all[draw % all.Length];
    }

    private static Gen<RespondentProfile> ProfileFor(Track track) =>
        Gen.Int[0, RoleGroups.Length - 1].Select(i => new RespondentProfile(track, RoleGroups[i]));

    private static IEnumerable<Rational> AllScores(RespondentResult result) =>
        result.Conditions.Select(c => c.Score)
            .Concat(result.Conditions.SelectMany(c => c.Factors).Select(f => f.Score))
            .Append(result.Index)
            .OfType<Rational>();

    private static IEnumerable<(string What, Rational? Before, Rational? After)> Pairs(RespondentResult before, RespondentResult after) =>
        before.Conditions.Zip(after.Conditions, (b, a) => (b.Key, b.Score, a.Score))
            .Concat(before.Conditions.SelectMany(c => c.Factors).Zip(after.Conditions.SelectMany(c => c.Factors), (b, a) => (b.Key, b.Score, a.Score)))
            .Append(("index", before.Index, after.Index));

    [Theory]
    [MemberData(nameof(QuestionnairesAndTracks))]
    public void Scores_stay_within_0_and_100(string name, Track track)
    {
        var questionnaire = Pick(name);
        var generator = from answers in AnswersFor(questionnaire) from profile in ProfileFor(track) select (answers, profile);

        generator.Sample(sample =>
            Assert.All(AllScores(RespondentScoring.Score(questionnaire, sample.answers, sample.profile)), s => Assert.InRange(s, 0, 100)));
    }

    /// <summary>
    /// Raising one answer (a higher agreement, or an option that scores higher given the same facts) never lowers
    /// a factor, a condition or the index on a normal item, and never raises one on a reversed item. A question the
    /// raise brings into view is answered as badly as it can be: a respondent is asked it, and even the worst
    /// answer may not pull a score below where it was. A score that was there stays there.
    /// </summary>
    [Theory]
    [MemberData(nameof(QuestionnairesAndTracks))]
    public void Raising_an_answer_moves_every_score_the_way_the_item_points(string name, Track track)
    {
        var questionnaire = Pick(name);
        var generator =
            from answers in AnswersFor(questionnaire)
            from profile in ProfileFor(track)
            from pick in Gen.Int[0, 10_000]
            from raise in Gen.Int[1, 4]
            select (answers, profile, pick, raise);

        generator.Sample(sample =>
        {
            var byQuestion = Routing.ByQuestion(sample.answers);
            string? Chosen(string key) => byQuestion.GetValueOrDefault(key) is ChoiceAnswer c ? c.OptionKey : null;
            var shown = questionnaire.Shown(sample.profile, byQuestion).Select(q => q.Key).ToHashSet();
            var raisable = new List<(Answer Original, Answer Raised, bool Reversed)>();
            foreach (var answer in sample.answers.Where(a => shown.Contains(a.QuestionKey) && !questionnaire.IsContext(a.QuestionKey)))
            {
                questionnaire.TryGetQuestion(answer.QuestionKey, out var question);
                if (answer is ScaleAnswer scale && scale.Value < ScaleAnswer.Max)
                    raisable.Add((scale, scale with { Value = Math.Min(ScaleAnswer.Max, scale.Value + sample.raise) }, question.Reversed));
                if (answer is ChoiceAnswer choice)
                {
                    var score = RespondentScoring.Normalise(question, choice, Chosen)!.Value;
                    var higher = question.Options!.Select(o => new ChoiceAnswer(question.Key, o.Key))
                        .Where(c => RespondentScoring.Normalise(question, c, Chosen)!.Value > score).ToList();
                    if (higher.Count > 0)
                        raisable.Add((choice, higher[sample.raise % higher.Count], false));
                }
            }

            if (raisable.Count == 0)
                return;
            var (original, raised, reversed) = raisable[sample.pick % raisable.Count];
            var after = sample.answers.Select(a => a == original ? raised : a).ToList();
            var afterByQuestion = Routing.ByQuestion(after);
            // A question the raise reveals gets its worst answer, whatever was sent for it while it was hidden
            // (a "don't know" sent then would count only now).
            foreach (var revealed in questionnaire.Shown(sample.profile, afterByQuestion).Where(q => !shown.Contains(q.Key) && q.IsScored()).ToList())
            {
                after.RemoveAll(a => a.QuestionKey == revealed.Key);
                after.Add(Worst(revealed, Chosen));
            }

            var before = RespondentScoring.Score(questionnaire, sample.answers, sample.profile);
            var afterResult = RespondentScoring.Score(questionnaire, after, sample.profile);
            foreach (var (what, b, a) in Pairs(before, afterResult))
            {
                if (b is null)
                    continue;
                Assert.True(a is not null, $"{original} → {raised}: {what} lost its score {b}");
                if (reversed)
                    Assert.True(a <= b, $"{original} → {raised} (reversed) raised {what} {b} → {a}");
                else
                    Assert.True(a >= b, $"{original} → {raised} lowered {what} {b} → {a}");
            }
        });
    }

    /// <summary>The lowest-scoring answer a question offers.</summary>
    private static Answer Worst(QuestionDefinition question, Func<string, string?> chosen) => question.Kind == QuestionKind.Agreement
        ? new ScaleAnswer(question.Key, question.Reversed ? ScaleAnswer.Max : ScaleAnswer.Min)
        : question.Options!.Select(o => new ChoiceAnswer(question.Key, o.Key)).MinBy(c => (double)RespondentScoring.Normalise(question, c, chosen)!.Value)!;

    [Theory]
    [MemberData(nameof(QuestionnairesAndTracks))]
    public void Scoring_is_deterministic(string name, Track track)
    {
        var questionnaire = Pick(name);
        var generator = from answers in AnswersFor(questionnaire) from profile in ProfileFor(track) select (answers, profile);

        generator.Sample(sample =>
        {
            var first = JsonSerializer.Serialize(RespondentScoring.Score(questionnaire, sample.answers, sample.profile));
            var reordered = JsonSerializer.Serialize(RespondentScoring.Score(questionnaire, sample.answers.Reverse().ToArray(), sample.profile));
            Assert.Equal(first, JsonSerializer.Serialize(RespondentScoring.Score(questionnaire, sample.answers, sample.profile)));
            Assert.Equal(first, reordered);
        });
    }

    /// <summary>
    /// An employee on the survey link, whatever role group they chose (or none) and whatever they answered, is
    /// shown no owner-only question and no context question, and no question routed to another role group; their
    /// result has no owner-only factor, even when answers to those questions are sent along.
    /// </summary>
    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void A_survey_respondent_is_never_shown_an_owner_only_question(string name)
    {
        var questionnaire = Pick(name);
        var generator = from answers in AnswersFor(questionnaire) from profile in ProfileFor(Track.Survey) select (answers, profile);

        generator.Sample(sample =>
        {
            var shown = questionnaire.Shown(sample.profile, sample.answers);
            Assert.All(shown, q =>
            {
                Assert.Equal(Audience.Everyone, q.Audience);
                Assert.False(questionnaire.IsContext(q.Key), q.Key);
                Assert.True(q.RoleGroups is null || (sample.profile.RoleGroup is { } group && q.RoleGroups.Contains(group)), q.Key);
            });
            var result = RespondentScoring.Score(questionnaire, sample.answers, sample.profile);
            var ownerFactors = questionnaire.Conditions.SelectMany(c => c.Factors).Where(f => f.Questions.Any(q => q.Audience == Audience.Owner)).Select(f => f.Key).ToHashSet();
            Assert.All(result.Conditions.SelectMany(c => c.Factors).Where(f => ownerFactors.Contains(f.Key)), f => Assert.False(f.Asked, f.Key));
            Assert.DoesNotContain(result.ToSheet(sample.profile.RoleGroup).Factors.Keys, ownerFactors.Contains);
        });
    }

    [Fact]
    public void Version_2_has_owner_only_questions_for_the_survey_property_to_keep_out()
    {
        // Without them the property above would hold vacuously for v2.
        Assert.True(V2.AllQuestions.Count(q => q.Audience == Audience.Owner) >= 20);
        Assert.Contains(V2.Questions, q => q.RoleGroups is not null);
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void The_order_of_respondents_does_not_change_an_aggregate(string name)
    {
        var questionnaire = Pick(name);
        var generator =
            from respondents in AnswersFor(questionnaire).Array[1, 30]
            from profiles in Gen.Int[0, RoleGroups.Length * 2 - 1].Array[respondents.Length]
            from seed in Gen.Int
            select (respondents, profiles, seed);

        generator.Sample(sample =>
        {
            // Half the draws are intake sheets (for a v1 questionnaire the intake asks the same questions).
            var sheets = sample.respondents
                .Select((answers, i) =>
                {
                    var draw = sample.profiles[i];
                    var profile = new RespondentProfile(draw % 2 == 0 ? Track.Survey : Track.Intake, RoleGroups[draw / 2]);
                    return RespondentScoring.Score(questionnaire, answers, profile).ToSheet(profile.RoleGroup);
                })
                .ToList();
            var random = new Random(sample.seed);
            var shuffled = sheets.OrderBy(_ => random.Next()).ToList();

            var inOrder = JsonSerializer.Serialize(ScanAggregation.Aggregate(questionnaire, sheets, anonymityThreshold: 2));
            var outOfOrder = JsonSerializer.Serialize(ScanAggregation.Aggregate(questionnaire, shuffled, anonymityThreshold: 2));

            Assert.Equal(inOrder, outOfOrder);
        });
    }

    /// <summary>
    /// Priority = weight × (100 − score): for any two scores of a condition, the higher never has the higher
    /// priority, and the priorities differ by at most weight × the difference in score, so nothing jumps at a level
    /// threshold (the sawtooth of v1's "distance to the next level" fails both). Checked through the planner too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Priority_never_rises_with_the_score_and_never_jumps_at_a_threshold(string name)
    {
        var questionnaire = Pick(name);
        var thresholds = questionnaire.Levels.Skip(1).Select(l => (Rational)l.From).ToArray();
        var generator =
            from condition in Gen.Int[0, questionnaire.Conditions.Count - 1]
            from a in Gen.Int[0, 10_000]
            from b in Gen.Int[0, 10_000]
            from near in Gen.Int[0, thresholds.Length - 1]
            from epsilon in Gen.Int[1, 1_000]
            select (condition, low: Rational.Of(Math.Min(a, b), 100), high: Rational.Of(Math.Max(a, b), 100),
                threshold: thresholds[near], epsilon: Rational.Of(epsilon, 100_000));

        generator.Sample(sample =>
        {
            var condition = questionnaire.Conditions[sample.condition];
            Rational PlannedPriority(Rational score)
            {
                var scores = questionnaire.Conditions.ToDictionary(c => c.Key, c => c.Key == condition.Key ? score : (Rational?)null);
                return AdvicePlanner.Plan(questionnaire, new ScoreProfile(scores, new Dictionary<string, Rational?>()))
                    .First(s => s.Why.ConditionKey == condition.Key && s.Why.FactorKey is null).Why.Priority;
            }

            var (low, high) = (PlannedPriority(sample.low), PlannedPriority(sample.high));
            Assert.True(high <= low, $"{condition.Key}: priority {low} at {sample.low} rose to {high} at {sample.high}");
            Assert.True(low - high <= condition.Weight * (sample.high - sample.low));
            // Just below a threshold and on it: the priorities are as close as the scores.
            var below = PlannedPriority(sample.threshold - sample.epsilon);
            var on = PlannedPriority(sample.threshold);
            Assert.True(below >= on);
            Assert.True(below - on <= condition.Weight * sample.epsilon, $"{condition.Key}: priority jumps at {sample.threshold}: {below} → {on}");
        });
    }

    /// <summary>
    /// Every ladder option of v2 (its variants too) scores inside the band of the level it declares, and the band
    /// check is real: the same option moved to any score outside that band is refused at its path, and to any
    /// score inside it accepted.
    /// </summary>
    [Fact]
    public void Every_v2_ladder_score_sits_in_its_band_and_any_score_outside_it_is_refused()
    {
        var ladders = V2.AllQuestions.Where(Questionnaire.IsLadder).ToList();
        var options = ladders.SelectMany(q => q.Options!.SelectMany((o, i) =>
            (o.Variants ?? []).Select((v, n) => (Question: q, Option: i, Variant: (int?)n, v.Score!.Value, Level: v.Level!.Value))
                .Prepend((Question: q, Option: i, Variant: (int?)null, o.Score!.Value, Level: o.Level!.Value)))).ToList();
        Assert.True(options.Count > 40, $"{options.Count} ladder options");
        Assert.All(options, o => Assert.Equal(o.Level, V2.LevelOf(o.Value).Number));

        var generator = from pick in Gen.Int[0, options.Count - 1] from score in Gen.Int[0, 10_000] select (pick, score: Rational.Of(score, 100));
        generator.Sample(sample =>
        {
            var (question, option, variant, _, level) = options[sample.pick];
            var value = (decimal)sample.score;
            var changed = V2.Definition.ReplaceQuestion(question.Key, q => q with
            {
                Options = [.. q.Options!.Select((o, i) => i != option ? o
                    : variant is null ? o with { Score = value }
                    : o with { Variants = [.. o.Variants!.Select((v, n) => n == variant ? v with { Score = value } : v)] })],
            });
            var problems = QuestionnaireValidator.Validate(changed);
            var inBand = V2.LevelOf(sample.score).Number == level;
            if (inBand)
                Assert.Empty(problems);
            else
                Assert.Contains(problems, p => p.Code == "ScoreOutsideLevel" && p.Path.Contains(question.Key, StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData(Language.Nl)]
    [InlineData(Language.En)]
    public void Version_2_validates_and_every_text_a_respondent_or_the_intake_reads_is_there_in_both_languages(Language language)
    {
        Assert.Empty(QuestionnaireValidator.Validate(V2.Definition));
        Assert.All(V2.AllQuestions, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Text[language]), q.Key);
            Assert.All(q.Options ?? [], o => Assert.False(string.IsNullOrWhiteSpace(o.Label[language]), $"{q.Key}.{o.Key}"));
        });
        Assert.All(V2.Conditions.SelectMany(c => c.Levels), l => Assert.False(string.IsNullOrWhiteSpace(l.DescriptionFor(Track.Survey)[language])));
    }

    [Theory]
    [InlineData(Language.Nl)]
    [InlineData(Language.En)]
    public void Every_respondent_of_the_default_questionnaire_gets_advice_with_reasons(Language language)
    {
        foreach (var questionnaire in new[] { V1, V2 })
        {
            AnswersFor(questionnaire).Sample(answers =>
            {
                var result = RespondentScoring.Score(questionnaire, answers, RespondentProfile.Intake);
                var steps = AdvicePlanner.Plan(questionnaire, result.Profile);

                Assert.Equal(result.Conditions.Count(c => c.IsSufficient) > 0, steps.Count > 0);
                Assert.All(steps, s =>
                {
                    Assert.False(string.IsNullOrWhiteSpace(s.Advice[language]));
                    Assert.False(string.IsNullOrWhiteSpace(s.Why.Describe(questionnaire, language)));
                });
                if (result.Bottleneck is not null)
                    Assert.Equal(result.Bottleneck, steps[0].ConditionKey);
            });
        }
    }
}
