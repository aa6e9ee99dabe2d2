using FluentValidation;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

public sealed class LevelInput
{
    public TextPair Name { get; set; } = new();
    public decimal From { get; set; }
    public decimal To { get; set; }
}

public sealed class GeneralInput
{
    public TextPair Title { get; set; } = new();
    public TextPair Introduction { get; set; } = new();
    public List<LevelInput> Levels { get; set; } = [];
    public decimal CoverageThreshold { get; set; }
    public decimal ConsensusSdThreshold { get; set; }
    public int AnonymityThreshold { get; set; }
    public decimal FactorLagThreshold { get; set; }
    public int BenchmarkMinimum { get; set; }
}

public sealed class GeneralInputValidator : AbstractValidator<GeneralInput>
{
    public GeneralInputValidator()
    {
        RuleFor(x => x.Title).SetValidator(new TextPairValidator());
        RuleFor(x => x.Introduction).SetValidator(new TextPairValidator());
        RuleFor(x => x.Levels).Must(l => l.Count == QuestionnaireValidator.LevelCount);
        RuleForEach(x => x.Levels).ChildRules(level =>
        {
            level.RuleFor(l => l.Name).SetValidator(new TextPairValidator());
            level.RuleFor(l => l.From).InclusiveBetween(0, 100);
            level.RuleFor(l => l.To).InclusiveBetween(0, 100);
        });
        RuleFor(x => x.CoverageThreshold).InclusiveBetween(0, 1);
        RuleFor(x => x.ConsensusSdThreshold).InclusiveBetween(0, 100);
        RuleFor(x => x.AnonymityThreshold).InclusiveBetween(0, 1000);
        RuleFor(x => x.FactorLagThreshold).InclusiveBetween(0, 100);
        RuleFor(x => x.BenchmarkMinimum).InclusiveBetween(0, 1000);
    }
}

/// <summary>Edit what applies to the whole questionnaire: title, introduction, the maturity levels and their thresholds, and the scoring settings.</summary>
public sealed class EditGeneralModel(DraftEditor editor, IValidator<GeneralInput> validator) : DraftElementModel(editor)
{
    [Microsoft.AspNetCore.Mvc.BindProperty]
    public GeneralInput Input { get; set; } = new();

    protected override string Element => "general";

    public override string ProblemPath => "";

    public IEnumerable<QuestionnaireProblem> ProblemsAtRoot(string field) =>
        State.Problems.Where(p => p.Path == field || p.Path.StartsWith(field + ".", StringComparison.Ordinal));

    protected override bool Exists(QuestionnaireDefinition definition) => true;

    protected override void Fill(QuestionnaireDefinition definition) => Input = new GeneralInput
    {
        Title = TextPair.From(definition.Title),
        Introduction = TextPair.From(definition.Introduction),
        Levels = [.. definition.Levels.Select(l => new LevelInput { Name = TextPair.From(l.Name), From = l.From, To = l.To })],
        CoverageThreshold = definition.Settings.CoverageThreshold,
        ConsensusSdThreshold = definition.Settings.ConsensusSdThreshold,
        AnonymityThreshold = definition.Settings.AnonymityThreshold,
        FactorLagThreshold = definition.Settings.FactorLagThreshold,
        BenchmarkMinimum = definition.Settings.BenchmarkMinimum,
    };

    protected override QuestionnaireDefinition Apply(QuestionnaireDefinition definition) => definition with
    {
        Title = Input.Title.ToText(),
        Introduction = Input.Introduction.ToOptionalText(),
        Levels = [.. Input.Levels.Select((l, i) => new LevelDefinition
        {
            Number = i + 1,
            Name = l.Name.ToText(),
            From = l.From,
            To = l.To,
            Description = definition.Levels?.ElementAtOrDefault(i)?.Description,
        })],
        Settings = (definition.Settings ?? new ScoringSettings()) with
        {
            CoverageThreshold = Input.CoverageThreshold,
            ConsensusSdThreshold = Input.ConsensusSdThreshold,
            AnonymityThreshold = Input.AnonymityThreshold,
            FactorLagThreshold = Input.FactorLagThreshold,
            BenchmarkMinimum = Input.BenchmarkMinimum,
        },
    };

    protected override async Task<bool> IsValidInputAsync() => (await validator.ValidateAsync(Input)).IsValid;
}
