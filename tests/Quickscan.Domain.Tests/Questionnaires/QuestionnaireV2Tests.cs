using System.Text.Json;

namespace Quickscan.Domain.Tests.Questionnaires;

/// <summary>
/// Questionnaire v2 as shipped (the embedded file): it loads and validates, and its content keeps the promises the
/// firm makes about it. The format rules themselves are the validator's tests; these read the file the way a
/// reviewing consultant would, through the JSON, so they do not depend on how the domain model names things.
/// </summary>
public class QuestionnaireV2Tests
{
    private const string ResourceName = "Quickscan.Domain.questionnaire.v2.json";

    private static readonly string Json = ReadResource();
    private static readonly JsonElement Root = JsonDocument.Parse(Json).RootElement;

    private static string ReadResource()
    {
        using var stream = typeof(global::Quickscan.Domain.DefaultQuestionnaire.DefaultQuestionnaire).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<JsonElement> Conditions => Root.GetProperty("conditions").EnumerateArray();

    private static IEnumerable<JsonElement> Factors(JsonElement condition) => condition.GetProperty("factors").EnumerateArray();

    private static IEnumerable<JsonElement> Questions(JsonElement factor) => factor.GetProperty("questions").EnumerateArray();

    private static IEnumerable<JsonElement> AllQuestions =>
        Conditions.SelectMany(Factors).SelectMany(Questions).Concat(Root.GetProperty("context").EnumerateArray());

    private static string Str(JsonElement element, string name, string fallback = "") =>
        element.TryGetProperty(name, out var value) ? value.GetString() ?? fallback : fallback;

    private static string Audience(JsonElement question) => Str(question, "audience", "everyone");

    private static bool IsScored(JsonElement question) => Str(question, "kind") != "open-text";

    private static bool IsLadder(JsonElement question) =>
        question.TryGetProperty("options", out var options) && options.EnumerateArray().All(o => o.TryGetProperty("level", out _));

    private static IEnumerable<JsonElement> Texts(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.TryGetProperty("nl", out _) && element.TryGetProperty("en", out _):
                yield return element;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                foreach (var text in Texts(property.Value))
                    yield return text;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                foreach (var text in Texts(item))
                    yield return text;
                break;
        }
    }

    [Theory]
    [InlineData(Language.Nl)]
    [InlineData(Language.En)]
    public void Every_text_is_written_in_both_languages(Language language)
    {
        var texts = Texts(Root).ToList();

        Assert.True(texts.Count > 300, $"only {texts.Count} texts found");
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty(language.Code()).GetString())));
        // Written in both languages, not copied across (names such as "HR" or "Governance" may coincide).
        Assert.True(texts.Count(t => t.GetProperty("nl").GetString() == t.GetProperty("en").GetString()) < texts.Count / 50);
    }

    [Theory]
    [InlineData(Language.Nl)]
    [InlineData(Language.En)]
    public void The_platform_placeholder_never_opens_a_sentence_so_the_default_name_never_starts_one_in_lower_case(Language language)
    {
        var opening = Texts(Root).Select(t => t.GetProperty(language.Code()).GetString()!)
            .Where(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"(^|[.!?:]\s+)\{platform\}"));

        Assert.Empty(opening);
    }

    [Fact]
    public void Process_integration_carries_the_highest_weight_and_purposefulness_is_called_effectiveness_in_english()
    {
        var weights = Conditions.ToDictionary(c => Str(c, "key"), c => c.GetProperty("weight").GetDecimal());

        Assert.Equal(["usage", "purposefulness", "organisation", "process-integration"], weights.Keys);
        Assert.All(weights.Where(w => w.Key != "process-integration"), w => Assert.True(w.Value < weights["process-integration"]));
        Assert.Equal("Effectiveness", Conditions.Single(c => Str(c, "key") == "purposefulness").GetProperty("name").GetProperty("en").GetString());
    }

    [Fact]
    public void Usage_measures_actual_use_besides_the_six_adoption_factors_and_attention_value_each_with_two_scored_items()
    {
        var usage = Conditions.Single(c => Str(c, "key") == "usage");
        var factors = Factors(usage).ToDictionary(f => Str(f, "key"), f => Questions(f).Count(IsScored));

        Assert.Equal(
            ["usage.use", "usage.performance", "usage.effort", "usage.reputation", "usage.colleagues", "usage.managers", "usage.norms", "usage.attention"],
            factors.Keys);
        Assert.All(factors, f => Assert.True(f.Value >= 2, f.Key));
        var use = Factors(usage).Single(f => Str(f, "key") == "usage.use").GetProperty("questions").EnumerateArray().Select(q => Str(q, "key"));
        Assert.Equal(["usage.use.frequency", "usage.use.activity", "usage.use.intention", "usage.use.barriers"], use);
        // What colleagues do matters more than what managers do (the adoption study).
        Assert.True(Factors(usage).Single(f => Str(f, "key") == "usage.colleagues").GetProperty("weight").GetDecimal()
                    > Factors(usage).Single(f => Str(f, "key") == "usage.managers").GetProperty("weight").GetDecimal());
    }

    [Fact]
    public void Facts_are_asked_in_the_intake_and_employees_are_asked_what_they_notice()
    {
        foreach (var key in new[] { "purposefulness", "organisation", "process-integration" })
        {
            var audiences = Factors(Conditions.Single(c => Str(c, "key") == key))
                .Select(f => Questions(f).Where(IsScored).Select(Audience).Distinct().Single())
                .ToList();
            Assert.Contains("owner", audiences);
            Assert.Contains("everyone", audiences);
        }

        // Every ladder (a state of the organisation) is a fact for the owner team, never an employee's guess.
        Assert.All(AllQuestions.Where(IsLadder), q => Assert.Equal("owner", Audience(q)));
        Assert.All(Root.GetProperty("context").EnumerateArray(), q =>
        {
            Assert.StartsWith("context.", Str(q, "key"));
            Assert.Equal("owner", Audience(q));
        });
    }

    [Fact]
    public void The_chain_goals_kpis_targets_reporting_steering_is_a_ladder_in_the_intake_and_a_missing_step_is_an_answer()
    {
        // Every step is asked, whatever the step before: a step that is missing is answered with an option of its
        // own at a low level, so it counts in the score instead of dropping out of it (consultant review B3).
        var chain = new[]
        {
            ("purposefulness.goals.1", "none", 1), ("purposefulness.kpis.1", "no-goals", 1), ("purposefulness.kpis.2", "no-kpis", 2),
            ("purposefulness.reporting.1", "never", 2), ("purposefulness.reporting.2", "none", 2), ("purposefulness.steering.1", "no-reports", 2),
        };
        var questions = AllQuestions.ToDictionary(q => Str(q, "key"));

        foreach (var (key, missing, level) in chain)
        {
            var question = questions[key];
            Assert.True(IsLadder(question), key);
            Assert.False(question.TryGetProperty("showIf", out _), key);
            var options = question.GetProperty("options").EnumerateArray().ToList();
            var option = options.Single(o => Str(o, "key") == missing);
            Assert.Equal(level, option.GetProperty("level").GetInt32());
            Assert.Equal(options.Min(o => o.GetProperty("score").GetDecimal()), option.GetProperty("score").GetDecimal());
        }
    }

    [Fact]
    public void The_only_show_if_left_spares_someone_who_never_uses_the_platform_a_question_about_what_they_do_on_it()
    {
        // A question hidden by an earlier answer drops out of the factor's score, so a fact question never depends
        // on another answer. The one exception (I11): what someone does on the platform is not asked of someone
        // who never uses it; their non-use is scored in full by the frequency question of the same factor.
        var questions = AllQuestions.ToDictionary(q => Str(q, "key"));
        var gated = questions.Values.Where(q => q.TryGetProperty("showIf", out _)).ToList();

        var activity = Assert.Single(gated);
        Assert.Equal("usage.use.activity", Str(activity, "key"));
        Assert.Equal("everyone", Audience(activity));
        var showIf = activity.GetProperty("showIf");
        Assert.Equal("usage.use.frequency", showIf.GetProperty("question").GetString());
        var frequency = questions["usage.use.frequency"].GetProperty("options").EnumerateArray().Select(o => Str(o, "key")).ToList();
        Assert.Equal(frequency.Where(k => k != "never"), showIf.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(0, questions["usage.use.frequency"].GetProperty("options").EnumerateArray().Single(o => Str(o, "key") == "never").GetProperty("score").GetDecimal());
    }

    [Fact]
    public void Every_ladder_option_scores_inside_the_band_of_the_level_it_declares_also_in_its_size_variants()
    {
        var bands = Root.GetProperty("levels").EnumerateArray()
            .ToDictionary(l => l.GetProperty("number").GetInt32(), l => (From: l.GetProperty("from").GetDecimal(), To: l.GetProperty("to").GetDecimal()));
        bool InBand(decimal score, int level) => (bands[level].From <= score && score < bands[level].To) || (level == 5 && score == 100);

        var ladders = AllQuestions.Where(IsLadder).ToList();
        Assert.True(ladders.Count >= 10, $"{ladders.Count} ladders");
        foreach (var option in ladders.SelectMany(q => q.GetProperty("options").EnumerateArray()))
        {
            Assert.True(InBand(option.GetProperty("score").GetDecimal(), option.GetProperty("level").GetInt32()), Str(option, "key"));
            if (option.TryGetProperty("variants", out var variants))
                foreach (var variant in variants.EnumerateArray())
                    Assert.True(InBand(variant.GetProperty("score").GetDecimal(), variant.GetProperty("level").GetInt32()), Str(option, "key"));
        }
    }

    [Fact]
    public void Every_ladder_can_describe_the_top_level_so_no_single_answer_caps_a_mature_organisation_below_it()
    {
        Assert.All(AllQuestions.Where(IsLadder), q =>
            Assert.Contains(q.GetProperty("options").EnumerateArray(), o => o.GetProperty("level").GetInt32() == 5));
    }

    [Fact]
    public void The_five_organising_models_are_judged_against_the_size_of_the_organisation()
    {
        var model = AllQuestions.Single(q => Str(q, "key") == "organisation.model.1");
        var options = model.GetProperty("options").EnumerateArray().ToList();

        Assert.Equal(["organic", "centralised", "hub-and-spoke", "multiple-hub-and-spoke", "holistic"], options.Select(o => Str(o, "key")));
        Assert.Equal([1, 2, 3, 4, 5], options.Select(o => o.GetProperty("level").GetInt32()));
        // Under 1,000 employees hub and spoke is already a complete model; multiple hubs are for large ones.
        var hub = options.Single(o => Str(o, "key") == "hub-and-spoke").GetProperty("variants").EnumerateArray().ToList();
        var small = hub.Single(v => v.GetProperty("when").GetProperty("options").EnumerateArray().Any(x => x.GetString() == "small"));
        Assert.Equal("context.size", small.GetProperty("when").GetProperty("question").GetString());
        Assert.Equal(5, small.GetProperty("level").GetInt32());
    }

    [Fact]
    public void One_size_rule_everywhere_a_smaller_organisation_has_fewer_than_1000_employees()
    {
        // The intake's sizes: small < 250, medium 250–1,000, large 1,000–5,000, very large 5,000+ (review I2).
        var size = AllQuestions.Single(q => Str(q, "key") == "context.size");
        Assert.Equal(["small", "medium", "large", "very-large"], size.GetProperty("options").EnumerateArray().Select(o => Str(o, "key")));
        var rules = AllQuestions
            .SelectMany(q => q.TryGetProperty("options", out var options) ? options.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .SelectMany(o => o.TryGetProperty("variants", out var variants) ? variants.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(v => v.GetProperty("when"))
            .ToList();

        Assert.True(rules.Count >= 10, $"{rules.Count} size rules");
        Assert.All(rules, when =>
        {
            Assert.Equal("context.size", when.GetProperty("question").GetString());
            Assert.Equal(["small", "medium"], when.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        });
        Assert.DoesNotContain(AllQuestions, q => q.TryGetProperty("showIf", out var showIf) && showIf.GetProperty("question").GetString() == "context.size");
        // The texts name the same boundary, never a vaguer one.
        foreach (var (language, boundary, vague) in new[] { ("nl", "1.000", new[] { "kleine organisatie", "kleinere organisatie", "enkele honderden", "grote organisatie" }), ("en", "1,000", new[] { "small organisation", "smaller one", "few hundred", "large organisation" }) })
        {
            var texts = Texts(Root.GetProperty("conditions")).Select(t => t.GetProperty(language).GetString()!).ToList();
            Assert.Contains(texts, t => t.Contains(boundary, StringComparison.Ordinal));
            Assert.All(vague, v => Assert.DoesNotContain(texts, t => System.Text.RegularExpressions.Regex.IsMatch(t, $@"\b{v}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)));
        }
    }

    [Fact]
    public void The_budget_ladder_agrees_with_the_level_texts()
    {
        var budget = AllQuestions.Single(q => Str(q, "key") == "organisation.budget.1").GetProperty("options").EnumerateArray().ToDictionary(o => Str(o, "key"));
        var organisation = Conditions.Single(c => Str(c, "key") == "organisation").GetProperty("levels").EnumerateArray().ToList();

        // No budget of its own: level 2 ("everything hangs on temporary money"), at the bottom of its band (I3).
        Assert.Equal((20m, 2), (budget["none"].GetProperty("score").GetDecimal(), budget["none"].GetProperty("level").GetInt32()));
        Assert.Contains("geen eigen budget", organisation[1].GetProperty("description").GetProperty("nl").GetString());
        Assert.DoesNotContain("budget", organisation[0].GetProperty("description").GetProperty("nl").GetString());
        // One department's fixed budget line is level 4 under 1,000 employees, and the level 4 text says so (I1).
        var one = budget["one"].GetProperty("variants").EnumerateArray().Single();
        Assert.Equal(4, one.GetProperty("level").GetInt32());
        Assert.Equal(3, budget["one"].GetProperty("level").GetInt32());
        Assert.Contains("met minder dan 1.000 medewerkers", organisation[3].GetProperty("description").GetProperty("nl").GetString());
        Assert.Contains("volstaat een vaste post bij één afdeling", organisation[3].GetProperty("description").GetProperty("nl").GetString());
        Assert.Contains("a fixed line in one department's budget is enough", organisation[3].GetProperty("description").GetProperty("en").GetString());
    }

    [Fact]
    public void The_links_item_is_a_plain_scale_not_a_ladder()
    {
        // Which applications are linked does not describe a level of process integration, so it must not cap one (I4).
        var links = AllQuestions.Single(q => Str(q, "key") == "process-integration.links.1");
        var options = links.GetProperty("options").EnumerateArray().ToList();

        Assert.All(options, o => Assert.False(o.TryGetProperty("level", out _), Str(o, "key")));
        Assert.Equal([0m, 30m, 60m, 100m], options.Select(o => o.GetProperty("score").GetDecimal()));
    }

    [Fact]
    public void Advice_names_an_owner_and_a_horizon_and_no_two_advice_texts_are_the_same()
    {
        var advice = Conditions.SelectMany(c => c.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("advice")))
            .Concat(Conditions.SelectMany(Factors).Select(f => f.GetProperty("advice")))
            .ToList();

        Assert.Equal(4 * 5 + Conditions.SelectMany(Factors).Count(), advice.Count);
        Assert.All(advice, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("owner").GetProperty("nl").GetString()));
            Assert.Contains(a.GetProperty("horizonDays").GetInt32(), new[] { 30, 60, 90, 180, 365 });
        });
        foreach (var language in new[] { "nl", "en" })
        {
            var texts = advice.Select(a => a.GetProperty("text").GetProperty(language).GetString()).ToList();
            Assert.Equal(texts.Count, texts.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public void No_two_advice_texts_are_the_same_even_apart_from_case_spacing_and_punctuation(string language)
    {
        // The validator refuses exact repeats; this catches the near-exact ones a reviewer would call the same (I6).
        static string Normal(string text) => System.Text.RegularExpressions.Regex.Replace(text.ToLowerInvariant(), @"[\W_]+", " ").Trim();
        var advice = Conditions.SelectMany(c => c.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("advice")))
            .Concat(Conditions.SelectMany(Factors).Select(f => f.GetProperty("advice")))
            .Select(a => Normal(a.GetProperty("text").GetProperty(language).GetString()!))
            .ToList();

        Assert.Equal(46, advice.Count);
        Assert.Equal(advice.Count, advice.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Where_the_core_team_may_not_exist_yet_the_platform_owner_carries_the_step()
    {
        // A core team exists only from organisation level 3 on, so advice never hangs on it alone (I7).
        var advice = Conditions.SelectMany(c => c.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("advice")))
            .Concat(Conditions.SelectMany(Factors).Select(f => f.GetProperty("advice")))
            .ToList();
        var owners = advice.Select(a => (Nl: a.GetProperty("owner").GetProperty("nl").GetString()!, En: a.GetProperty("owner").GetProperty("en").GetString()!)).ToList();

        Assert.DoesNotContain(owners, o => o.Nl == "Kernteam" || o.En == "Core team");
        Assert.Equal(5, owners.Count(o => o == ("Platformeigenaar (of het kernteam, als dat er is)", "Platform owner (or the core team, if there is one)")));
        Assert.All(advice.Where(a => a.GetProperty("owner").GetProperty("nl").GetString()!.StartsWith("Platformeigenaar (", StringComparison.Ordinal)), a =>
        {
            Assert.StartsWith("De platformeigenaar (of het kernteam, als dat er is) ", a.GetProperty("text").GetProperty("nl").GetString());
            Assert.StartsWith("The platform owner (or the core team, if there is one) ", a.GetProperty("text").GetProperty("en").GetString());
        });
    }

    [Fact]
    public void Every_factor_employees_answer_has_a_neutral_heading_and_a_tip_for_what_an_employee_can_do()
    {
        var employeeFactors = Conditions.SelectMany(Factors).Where(f => Questions(f).Where(IsScored).All(q => Audience(q) == "everyone")).ToList();

        Assert.NotEmpty(employeeFactors);
        Assert.All(employeeFactors, f =>
        {
            Assert.True(f.TryGetProperty("tip", out _), Str(f, "key"));
            Assert.True(f.TryGetProperty("respondentName", out _), Str(f, "key"));
        });
    }

    [Fact]
    public void Management_items_are_routed_to_managers_and_no_employee_question_depends_on_an_intake_answer()
    {
        var questions = AllQuestions.ToDictionary(q => Str(q, "key"));
        var routed = questions.Values.Where(q => q.TryGetProperty("roleGroups", out _)).ToList();

        Assert.Contains(routed, q => q.GetProperty("roleGroups").EnumerateArray().Any(g => g.GetString() == "management"));
        Assert.All(questions.Values.Where(q => Audience(q) == "everyone" && q.TryGetProperty("showIf", out _)), q =>
            Assert.Equal("everyone", Audience(questions[q.GetProperty("showIf").GetProperty("question").GetString()!])));
    }

    [Fact]
    public void Items_about_what_someone_knows_and_every_ladder_offer_no_dont_know()
    {
        // "Ik weet …" answered with "weet ik niet" means "no", and an owner who doesn't know a fact would escape the
        // ladder's cap: neither may drop out of the score (the consultant review's findings B2 and I5).
        static bool OffersDontKnow(JsonElement q) => !q.TryGetProperty("dontKnow", out var value) || value.GetBoolean();
        var knowing = AllQuestions.Where(q => Str(q, "kind") == "agreement" && q.GetProperty("text").GetProperty("nl").GetString()!.StartsWith("Ik weet", StringComparison.Ordinal)).ToList();
        var ladders = AllQuestions.Where(q => q.TryGetProperty("options", out var options) && options.EnumerateArray().All(o => o.TryGetProperty("level", out _))).ToList();

        Assert.True(knowing.Count >= 5, $"only {knowing.Count} 'Ik weet' items");
        Assert.True(ladders.Count >= 10, $"only {ladders.Count} ladders");
        Assert.All(knowing.Concat(ladders), q => Assert.False(OffersDontKnow(q), Str(q, "key")));
    }
}
