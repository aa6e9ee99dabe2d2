using FluentValidation;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

public sealed class FactorInput
{
    public TextPair Name { get; set; } = new();
    public TextPair Description { get; set; } = new();
    public TextPair Advice { get; set; } = new();
    public decimal Weight { get; set; } = 1;
}

public sealed class FactorInputValidator : AbstractValidator<FactorInput>
{
    public FactorInputValidator()
    {
        RuleFor(x => x.Name).SetValidator(new TextPairValidator());
        RuleFor(x => x.Description).SetValidator(new TextPairValidator());
        RuleFor(x => x.Advice).SetValidator(new TextPairValidator());
        RuleFor(x => x.Weight).InclusiveBetween(0, 100);
    }
}

/// <summary>Edit a factor: name, description, the advice given when it lags, and its weight.</summary>
public sealed class EditFactorModel(DraftEditor editor, IValidator<FactorInput> validator) : DraftElementModel(editor)
{
    [Microsoft.AspNetCore.Mvc.BindProperty]
    public FactorInput Input { get; set; } = new();

    protected override string Element => $"factors[{Key}]";

    public override string ProblemPath =>
        $"conditions[{State.Definition.Conditions.First(c => c.Factors.Any(f => f.Key == Key)).Key}].factors[{Key}]";

    protected override bool Exists(QuestionnaireDefinition definition) => definition.Conditions.SelectMany(c => c.Factors).Any(f => f.Key == Key);

    protected override void Fill(QuestionnaireDefinition definition)
    {
        var factor = definition.Conditions.SelectMany(c => c.Factors).Single(f => f.Key == Key);
        Input = new FactorInput { Name = TextPair.From(factor.Name), Description = TextPair.From(factor.Description), Advice = TextPair.From(factor.Advice), Weight = factor.Weight };
    }

    protected override QuestionnaireDefinition Apply(QuestionnaireDefinition definition) =>
        definition.ReplaceFactor(Key!, f => f with
        {
            Name = Input.Name.ToText(),
            Description = Input.Description.ToOptionalText(),
            Advice = AdviceDefinition.WithText(f.Advice, Input.Advice.ToText()),
            Weight = Input.Weight,
        });

    protected override async Task<bool> IsValidInputAsync() => (await validator.ValidateAsync(Input)).IsValid;
}
