using FluentValidation;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

public sealed class ConditionLevelInput
{
    public TextPair Description { get; set; } = new();
    public TextPair Advice { get; set; } = new();
}

public sealed class ConditionInput
{
    public TextPair Name { get; set; } = new();
    public TextPair Description { get; set; } = new();
    public decimal Weight { get; set; } = 1;
    public List<ConditionLevelInput> Levels { get; set; } = [];
}

public sealed class ConditionInputValidator : AbstractValidator<ConditionInput>
{
    public ConditionInputValidator()
    {
        RuleFor(x => x.Name).SetValidator(new TextPairValidator());
        RuleFor(x => x.Description).SetValidator(new TextPairValidator());
        RuleFor(x => x.Weight).InclusiveBetween(0, 100);
        RuleFor(x => x.Levels).Must(l => l.Count == QuestionnaireValidator.LevelCount);
        RuleForEach(x => x.Levels).ChildRules(level =>
        {
            level.RuleFor(l => l.Description).SetValidator(new TextPairValidator());
            level.RuleFor(l => l.Advice).SetValidator(new TextPairValidator());
        });
    }
}

/// <summary>Edit a condition: name, description, weight, and per maturity level its description and the advice to reach the next.</summary>
public sealed class EditConditionModel(DraftEditor editor, IValidator<ConditionInput> validator) : DraftElementModel(editor)
{
    [Microsoft.AspNetCore.Mvc.BindProperty]
    public ConditionInput Input { get; set; } = new();

    protected override string Element => $"conditions[{Key}]";

    public override string ProblemPath => $"conditions[{Key}]";

    protected override bool Exists(QuestionnaireDefinition definition) => definition.Conditions.Any(c => c.Key == Key);

    protected override void Fill(QuestionnaireDefinition definition)
    {
        var condition = definition.Conditions.Single(c => c.Key == Key);
        Input = new ConditionInput
        {
            Name = TextPair.From(condition.Name),
            Description = TextPair.From(condition.Description),
            Weight = condition.Weight,
            Levels = [.. Enumerable.Range(1, QuestionnaireValidator.LevelCount).Select(n => condition.Levels.FirstOrDefault(l => l.Level == n))
                .Select(l => new ConditionLevelInput { Description = TextPair.From(l?.Description), Advice = TextPair.From(l?.Advice) })],
        };
    }

    protected override QuestionnaireDefinition Apply(QuestionnaireDefinition definition) =>
        definition.ReplaceCondition(Key!, c => c with
        {
            Name = Input.Name.ToText(),
            Description = Input.Description.ToText(),
            Weight = Input.Weight,
            Levels = [.. Input.Levels.Select((l, i) => new ConditionLevelDefinition
            {
                Level = i + 1,
                Description = l.Description.ToText(),
                Advice = AdviceDefinition.WithText(c.Levels?.FirstOrDefault(x => x?.Level == i + 1)?.Advice, l.Advice.ToText()),
            })],
        });

    protected override async Task<bool> IsValidInputAsync() => (await validator.ValidateAsync(Input)).IsValid;
}
