namespace Quickscan.Domain.Tests.Questionnaires;

public class QuestionnaireJsonTests
{
    [Fact]
    public void A_definition_survives_a_round_trip()
    {
        var definition = TestQuestionnaire.Definition();

        var json = QuestionnaireJson.Write(definition);
        var read = QuestionnaireJson.Parse(json, out var problems);

        Assert.Empty(problems);
        Assert.Equal(json, QuestionnaireJson.Write(read!));
        Assert.Contains("\"kind\": \"single-choice\"", json);
    }

    [Fact]
    public void Missing_fields_are_all_listed_with_their_paths_instead_of_failing_on_the_first()
    {
        const string json = """
            {
              "key": "broken",
              "version": 1,
              "title": { "nl": "Kapot" },
              "levels": [],
              "conditions": [
                { "key": "usage", "weight": 1, "name": { "nl": "Gebruik", "en": "Usage" },
                  "factors": [ { "key": "f", "questions": [ { "key": "q", "kind": "agreement", "text": { "nl": "V", "en": "Q" } } ] } ] }
              ]
            }
            """;

        QuestionnaireJson.Parse(json, out var problems);
        var paths = problems.Select(p => p.Path).ToList();

        Assert.Contains("title.en", paths);
        Assert.Contains("levels", paths);
        Assert.Contains("conditions[usage].description", paths);
        Assert.Contains("conditions[usage].factors[f].weight", paths);
        Assert.Contains("conditions[usage].factors[f].advice", paths);
        Assert.Contains("conditions[usage].levels[1]", paths);
        Assert.Contains(problems, p => p.Message.Contains("'purposefulness' is missing"));
    }

    [Theory]
    [InlineData("{ \"key\": ")]
    [InlineData("[]")]
    [InlineData("{ \"key\": \"x\", \"colour\": \"red\" }")]
    [InlineData("{ \"key\": \"x\", \"conditions\": [ { \"factors\": [ { \"questions\": [ { \"kind\": \"essay\" } ] } ] } ] }")]
    public void A_file_that_is_not_a_questionnaire_gives_a_problem_not_an_exception(string json)
    {
        var definition = QuestionnaireJson.Parse(json, out var problems);

        Assert.Null(definition);
        Assert.Single(problems);
        Assert.StartsWith("Not a questionnaire file", problems[0].Message);
    }

    [Fact]
    public void Load_refuses_an_invalid_file()
    {
        var error = Assert.Throws<InvalidQuestionnaireException>(() => QuestionnaireJson.Load("{ \"key\": \"x\" }"));

        Assert.True(error.Problems.Count > 3);
    }
}
