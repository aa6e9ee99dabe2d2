using Quickscan.Domain.DefaultQuestionnaire;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Questionnaires;

public class FormatV2Tests
{
    private static IReadOnlyList<string> Codes(QuestionnaireDefinition definition) =>
        [.. QuestionnaireValidator.Validate(definition).Select(p => p.Code)];

    private static QuestionnaireDefinition V2 => TestQuestionnaireV2.Definition();

    private static QuestionnaireDefinition WithQuestion(QuestionnaireDefinition definition, string key, Func<QuestionDefinition, QuestionDefinition> change) =>
        definition.ReplaceQuestion(key, change);

    [Fact]
    public void The_v2_test_questionnaire_and_both_shipped_versions_validate()
    {
        Assert.Empty(QuestionnaireValidator.Validate(V2));
        Assert.Empty(QuestionnaireValidator.Validate(DefaultQuestionnaire.DefaultQuestionnaire.Load(1).Definition));
        Assert.Empty(QuestionnaireValidator.Validate(DefaultQuestionnaire.DefaultQuestionnaire.Load(2).Definition));
    }

    [Fact]
    public void Every_ladder_options_score_in_the_shipped_v2_lies_in_its_declared_band()
    {
        var questionnaire = DefaultQuestionnaire.DefaultQuestionnaire.Load(2);
        var ladders = questionnaire.Questions.Where(Questionnaire.IsLadder).ToList();

        Assert.NotEmpty(ladders);
        foreach (var option in ladders.SelectMany(q => q.Options!))
        {
            foreach (var (score, level) in (option.Variants ?? []).Select(v => (v.Score!.Value, v.Level!.Value)).Prepend((option.Score!.Value, option.Level!.Value)))
            {
                var band = questionnaire.Level(level);
                Assert.True(score >= band.From && (score < band.To || (level == 5 && score == 100)), $"{option.Key}: {score} outside level {level}");
                Assert.Equal(level, questionnaire.LevelOf(score).Number);
            }
        }
    }

    [Fact]
    public void Numbers_are_read_exactly_and_settings_default_field_by_field()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(QuestionnaireJson.Write(Definition()))!;
        node["settings"] = new System.Text.Json.Nodes.JsonObject { ["coverageThreshold"] = 0.7m, ["bottleneckMargin"] = 2.5m };
        var json = node.ToJsonString();

        var definition = QuestionnaireJson.Parse(json, out var problems)!;

        Assert.Empty(problems);
        Assert.Equal(0.7m, definition.Settings.CoverageThreshold);
        Assert.Equal(2.5m, definition.Settings.BottleneckMargin);
        Assert.Equal(10m, definition.Settings.ScanBottleneckMargin);
        Assert.Equal(0.25m, definition.Settings.MinimumAnsweredShare);
        Assert.Equal(2m, definition.Settings.MinimumSecondsPerAnswer);
        // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
        Assert.Equal(0.3m, 0.1m + 0.2m);
        Assert.Equal(Rational.Of(7, 10), (Rational)definition.Settings.CoverageThreshold);
    }

    [Fact]
    public void Advice_reads_as_an_object_with_owner_and_horizon_and_as_a_plain_text_from_version_1()
    {
        var v1 = DefaultQuestionnaire.DefaultQuestionnaire.Load(1);
        var plain = v1.Conditions[0].Levels[0].Advice;
        Assert.Null(plain.Owner);
        Assert.Null(plain.HorizonDays);
        Assert.False(string.IsNullOrWhiteSpace(plain.Text.En));
        // Version 1 writes back as it was: the advice stays a plain text.
        Assert.Equal(QuestionnaireJson.Write(QuestionnaireJson.Parse(DefaultQuestionnaire.DefaultQuestionnaire.Json(1), out _)!), QuestionnaireJson.Write(v1.Definition));
        Assert.DoesNotContain("\"horizonDays\"", QuestionnaireJson.Write(v1.Definition));

        var v2 = DefaultQuestionnaire.DefaultQuestionnaire.Load(2);
        var advice = v2.Conditions[0].Levels[0].Advice;
        Assert.NotNull(advice.Owner);
        Assert.Contains(advice.HorizonDays!.Value, AdviceDefinition.Horizons);
        var again = QuestionnaireJson.Parse(QuestionnaireJson.Write(v2.Definition), out var problems)!;
        Assert.Empty(problems);
        Assert.Equal(advice, again.Conditions[0].Levels[0].Advice);
    }

    [Fact]
    public void Unknown_advice_fields_are_refused()
    {
        var json = QuestionnaireJson.Write(Definition()).Replace(
            "\"advice\": {\n            \"nl\": \"usage from 1 (nl)\",",
            "\"advice\": { \"text\": { \"nl\": \"x\", \"en\": \"y\" }, \"colour\": \"red\", \"nl\": \"usage from 1 (nl)\",",
            StringComparison.Ordinal);
        Assert.Contains("colour", json);

        Assert.Null(QuestionnaireJson.Parse(json, out var problems));
        Assert.Equal("NotAFile", Assert.Single(problems).Code);
    }

    [Fact]
    public void The_platform_placeholder_becomes_the_scans_name_or_the_default()
    {
        var questionnaire = TestQuestionnaireV2.Create();
        var text = new LocalizedText("{platform} helpt mij. Op {platform} vind ik het.", "{platform} helps me. On {platform} I find it.");

        Assert.Equal("Viva Engage helpt mij. Op Viva Engage vind ik het.", questionnaire.Render(text, Language.Nl, "Viva Engage"));
        Assert.Equal("The platform helps me. On the platform I find it.", questionnaire.Render(text, Language.En, null));
        Assert.Equal("Het platform helpt mij. Op het platform vind ik het.", questionnaire.Render(text, Language.Nl, "  "));
        Assert.Equal("no placeholder", PlatformText.Apply("no placeholder", "X"));
    }

    [Fact]
    public void A_questionnaire_for_a_platform_has_the_name_in_every_text_and_the_same_scoring()
    {
        var shipped = Quickscan.Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(2);
        Assert.Contains(PlatformText.Placeholder, QuestionnaireJson.Write(shipped.Definition));

        var rendered = shipped.ForPlatform("Viva Engage");
        var json = QuestionnaireJson.Write(rendered.Definition);

        Assert.DoesNotContain(PlatformText.Placeholder, json);
        Assert.Contains("Viva Engage", json);
        // Only texts change: keys, weights, scores and structure are those of the shipped version.
        Assert.Equal(QuestionnaireJson.Write(shipped.Definition).Length - json.Length,
            System.Text.RegularExpressions.Regex.Count(QuestionnaireJson.Write(shipped.Definition), "\\{platform\\}") * ("{platform}".Length - "Viva Engage".Length));
        Assert.Equal(shipped.Questions.Select(q => q.Key), rendered.Questions.Select(q => q.Key));
        Assert.DoesNotContain(PlatformText.Placeholder, QuestionnaireJson.Write(shipped.ForPlatform(null).Definition));
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "FactorMixedAudience", "mixed" },
        { "LadderIncomplete", "ladder-incomplete" },
        { "ScoreOutsideLevel", "outside-band" },
        { "ScoreOutsideLevel", "variant-outside-band" },
        { "VariantLevelMismatch", "variant-without-level" },
        { "MatchUnknownQuestion", "show-if-unknown" },
        { "MatchUnknownOption", "show-if-unknown-option" },
        { "MatchNotChoice", "show-if-agreement" },
        { "ShowIfNotEarlier", "show-if-later" },
        { "ShowIfNeverAsked", "show-if-owner" },
        { "UnknownRoleGroup", "role-unknown" },
        { "RoleGroupsEmpty", "role-empty" },
        { "HorizonNotAllowed", "horizon" },
        { "AdviceRepeated", "advice-twice" },
        { "ContextKeyPrefix", "context-key" },
        { "ContextOptionScored", "context-scored" },
        { "OptionLevelRange", "level-6" },
        { "BottleneckMarginRange", "margin" },
        { "AnsweredShareRange", "share" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_v2_rule_is_checked_with_its_own_problem_code(string code, string breakage)
    {
        var definition = breakage switch
        {
            "mixed" => WithQuestion(V2, "u.a.2", q => q with { Audience = Audience.Owner }),
            "ladder-incomplete" => WithQuestion(V2, "p.f.1", q => q with { Options = [q.Options![0] with { Level = null }, .. q.Options.Skip(1)] }),
            "outside-band" => WithQuestion(V2, "p.f.1", q => q with { Options = [q.Options![0], q.Options[1] with { Score = 60 }, q.Options[2]] }),
            "variant-outside-band" => WithQuestion(V2, "o.m.1", q => q with
            {
                Options = [q.Options![0] with { Variants = [q.Options[0].Variants![0] with { Score = 79.5m }] }, q.Options[1]],
            }),
            "variant-without-level" => WithQuestion(V2, "o.m.1", q => q with
            {
                Options = [q.Options![0] with { Variants = [q.Options[0].Variants![0] with { Level = null }] }, q.Options[1]],
            }),
            "show-if-unknown" => WithQuestion(V2, "u.c.2", q => q with { ShowIf = new AnswerMatch { Question = "nope", Options = ["yes"] } }),
            "show-if-unknown-option" => WithQuestion(V2, "u.c.2", q => q with { ShowIf = new AnswerMatch { Question = "u.c.1", Options = ["maybe"] } }),
            "show-if-agreement" => WithQuestion(V2, "u.c.2", q => q with { ShowIf = new AnswerMatch { Question = "u.a.1", Options = ["1"] } }),
            "show-if-later" => WithQuestion(V2, "u.a.1", q => q with { ShowIf = new AnswerMatch { Question = "u.c.1", Options = ["yes"] } }),
            "show-if-owner" => WithQuestion(V2, "p.e.1", q => q with { ShowIf = new AnswerMatch { Question = "p.f.1", Options = ["all"] } }),
            "role-unknown" => WithQuestion(V2, "u.m.1", q => q with { RoleGroups = ["ceo"] }),
            "role-empty" => WithQuestion(V2, "u.m.1", q => q with { RoleGroups = [] }),
            "horizon" => V2.ReplaceFactor("u.a", f => f with { Advice = f.Advice with { HorizonDays = 45 } }),
            "advice-twice" => V2.ReplaceFactor("u.a", f => f with { Advice = V2.Conditions[1].Levels[2].Advice }),
            "context-key" => V2 with { Context = [V2.Context![0] with { Key = "size" }] },
            "context-scored" => V2 with { Context = [V2.Context![0] with { Options = [V2.Context[0].Options![0] with { Score = 10 }, V2.Context[0].Options![1]] }] },
            "level-6" => WithQuestion(V2, "p.f.1", q => q with { Options = [q.Options![0], q.Options[1], q.Options[2] with { Level = 6 }] }),
            "margin" => V2 with { Settings = V2.Settings with { ScanBottleneckMargin = -1 } },
            "share" => V2 with { Settings = V2.Settings with { MinimumAnsweredShare = 1.5m } },
            _ => throw new ArgumentOutOfRangeException(nameof(breakage)),
        };

        Assert.Contains(code, Codes(definition));
    }

    [Fact]
    public void A_ladder_score_on_the_upper_bound_of_its_band_is_outside_it_except_100_at_the_top()
    {
        var atBound = WithQuestion(V2, "p.f.1", q => q with { Options = [q.Options![0] with { Score = 20 }, q.Options[1], q.Options[2]] });
        var top = WithQuestion(V2, "p.f.1", q => q with { Options = [q.Options![0], q.Options[1], q.Options[2] with { Score = 100 }] });
        var lowerBound = WithQuestion(V2, "p.f.1", q => q with { Options = [q.Options![0], q.Options[1] with { Score = 40 }, q.Options[2]] });

        var problem = Assert.Single(QuestionnaireValidator.Validate(atBound));
        Assert.Equal("ScoreOutsideLevel", problem.Code);
        Assert.Equal("conditions[purposefulness].factors[p.f].questions[p.f.1].options[none].score", problem.Path);
        Assert.Equal([20m, 1, 0m, 20m], problem.Arguments);
        Assert.Empty(QuestionnaireValidator.Validate(top));
        Assert.Empty(QuestionnaireValidator.Validate(lowerBound));
    }

    [Fact]
    public void A_self_scan_asks_everyone_everything_in_at_most_15_scored_questions_covering_every_condition()
    {
        var selfScan = Definition() with { Kind = QuestionnaireKind.SelfScan };
        Assert.Empty(QuestionnaireValidator.Validate(selfScan));

        Assert.Contains("SelfScanAudience", Codes(V2 with { Kind = QuestionnaireKind.SelfScan }));
        Assert.Contains("SelfScanRoleGroups", Codes(V2 with { Kind = QuestionnaireKind.SelfScan }));
        var tooLong = selfScan.ReplaceFactor("u.a", f => f with { Questions = [.. f.Questions, .. Enumerable.Range(1, 8).Select(i => Agreement($"u.a.x{i}"))] });
        Assert.Contains("SelfScanTooLong", Codes(tooLong));
        var uncovered = selfScan.ReplaceQuestion("p.a.1", q => q with { RoleGroups = null, ShowIf = new AnswerMatch { Question = "u.b.1", Options = ["all"] } })
            .ReplaceQuestion("p.a.2", q => q with { ShowIf = new AnswerMatch { Question = "u.b.1", Options = ["all"] } });
        Assert.Contains("SelfScanUncovered", Codes(uncovered));
    }

    [Fact]
    public void A_version_1_file_scores_exactly_as_before()
    {
        // The worked example of RespondentScoringTests through the shipped v1 file's rules: no audiences, no
        // role groups, no ladders, so a survey respondent without a role group is asked every question.
        var questionnaire = DefaultQuestionnaire.DefaultQuestionnaire.Load(1);

        Assert.All(questionnaire.Questions, q => Assert.True(questionnaire.IsFor(q, RespondentProfile.Survey)));
        Assert.DoesNotContain(questionnaire.Questions, Questionnaire.IsLadder);
        Assert.Equal(QuestionnaireKind.Quickscan, questionnaire.Kind);
    }
}
