using FluentValidation;
using Quickscan.Web.Infrastructure;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

public sealed class OptionInput
{
    public string? Key { get; set; }
    public TextPair Label { get; set; } = new();
    public decimal? Score { get; set; }
}

public sealed class QuestionInput
{
    public QuestionKind Kind { get; set; }
    public TextPair Text { get; set; } = new();
    public TextPair Help { get; set; } = new();
    public decimal Weight { get; set; } = 1;
    public bool Reversed { get; set; }
    public List<OptionInput> Options { get; set; } = [];
}

public sealed class QuestionInputValidator : AbstractValidator<QuestionInput>
{
    public QuestionInputValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Text).SetValidator(new TextPairValidator());
        RuleFor(x => x.Help).SetValidator(new TextPairValidator());
        RuleFor(x => x.Weight).InclusiveBetween(0, 100);
        RuleFor(x => x.Options).Must(o => o.Count <= 12);
        RuleForEach(x => x.Options).ChildRules(option =>
        {
            option.RuleFor(o => o.Key).MaximumLength(60).Matches("^[a-z0-9-]*$");
            option.RuleFor(o => o.Label).SetValidator(new TextPairValidator());
            option.RuleFor(o => o.Score).InclusiveBetween(0, 100);
        });
    }
}

public sealed class TextPairValidator : AbstractValidator<TextPair>
{
    public TextPairValidator()
    {
        RuleFor(x => x.Nl).MaximumLength(TextPair.MaxLength).MultiLine();
        RuleFor(x => x.En).MaximumLength(TextPair.MaxLength).MultiLine();
    }
}

/// <summary>Edit a question: kind, wording in both languages, help, weight, reversal and the options with their scores.</summary>
public sealed class EditQuestionModel(DraftEditor editor, IValidator<QuestionInput> validator) : DraftElementModel(editor)
{
    /// <summary>Room for new options below the existing ones.</summary>
    public const int BlankOptions = 2;

    [Microsoft.AspNetCore.Mvc.BindProperty]
    public QuestionInput Input { get; set; } = new();

    protected override string Element => $"questions[{Key}]";

    public override string ProblemPath
    {
        get
        {
            var condition = State.Definition.Conditions.First(c => c.Factors.Any(f => f.Questions.Any(q => q.Key == Key)));
            var factor = condition.Factors.First(f => f.Questions.Any(q => q.Key == Key));
            return $"conditions[{condition.Key}].factors[{factor.Key}].questions[{Key}]";
        }
    }

    protected override bool Exists(QuestionnaireDefinition definition) =>
        definition.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions).Any(q => q.Key == Key);

    protected override void Fill(QuestionnaireDefinition definition)
    {
        var question = definition.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions).Single(q => q.Key == Key);
        Input = new QuestionInput
        {
            Kind = question.Kind,
            Text = TextPair.From(question.Text),
            Help = TextPair.From(question.Help),
            Weight = question.Weight,
            Reversed = question.Reversed,
            Options = [.. (question.Options ?? []).Select(o => new OptionInput { Key = o.Key, Label = TextPair.From(o.Label), Score = o.Score })],
        };
    }

    protected override QuestionnaireDefinition Apply(QuestionnaireDefinition definition) =>
        definition.ReplaceQuestion(Key!, q => q with
        {
            Kind = Input.Kind,
            Text = Input.Text.ToText(),
            Help = Input.Help.ToOptionalText(),
            Weight = Input.Weight,
            Reversed = Input.Kind == QuestionKind.Agreement && Input.Reversed,
            Options = Input.Kind == QuestionKind.SingleChoice
                ? [.. Input.Options
                    .Where(o => !string.IsNullOrWhiteSpace(o.Key) || o.Label.ToOptionalText() is not null)
                    .Select(o => (q.Options?.FirstOrDefault(x => x?.Key == o.Key?.Trim()) ?? new OptionDefinition { Key = "", Label = o.Label.ToText() }) with
                    {
                        // Level and variants are kept as the file gives them; this form edits key, label and score.
                        Key = o.Key?.Trim() ?? "",
                        Label = o.Label.ToText(),
                        Score = o.Score,
                    })]
                : null,
        });

    protected override async Task<bool> IsValidInputAsync() => (await validator.ValidateAsync(Input)).IsValid;
}
