using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// One page per condition. Answers are saved on every page change (a normal form post, so it works
/// without JavaScript) and, with JavaScript, in the background while answering (handler Autosave).
/// </summary>
public sealed class ConditionModel(RespondentJourney journey, QuestionnaireCache questionnaires, IValidator<ConditionPageInput> validator)
    : RespondentPageModel(journey, questionnaires)
{
    [BindProperty(SupportsGet = true)]
    public string Condition { get; set; } = "";

    [BindProperty]
    public ConditionPageInput Input { get; set; } = new();

    public ConditionDefinition Current { get; private set; } = null!;

    public int Position => ConditionKeys.All.ToList().IndexOf(Condition) + 1;

    public Answer? AnswerTo(string questionKey) => Respondent.Answers.GetValueOrDefault(questionKey);

    public int Answered(ConditionDefinition condition) =>
        condition.Factors.SelectMany(f => f.Questions).Count(q => q.IsScored() && Respondent.Answers.ContainsKey(q.Key));

    public static int Scored(ConditionDefinition condition) =>
        condition.Factors.SelectMany(f => f.Questions).Count(q => q.IsScored());

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(withAnswers: true) is { } stop)
            return stop;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(withAnswers: false) is { } stop)
            return stop;
        if (!await IsValidAsync())
            return BadRequest();
        var (answers, cleared) = Input.ToChanges(Questionnaire);
        if (await Journey.SaveAnswersAsync(Respondent.Id, answers, cleared, HttpContext.RequestAborted) == SaveOutcome.Locked)
            return RedirectToPage("/Respond/Result", new { Token });
        return Move();
    }

    /// <summary>The background save: JSON in, status code out, no navigation.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync()
    {
        if (await LoadAsync(withAnswers: false) is { } stop)
            return stop switch
            {
                RedirectToPageResult => StatusCode(StatusCodes.Status409Conflict),
                // An interview whose consultant was signed out: say so, rather than follow a redirect to the sign-in page.
                ChallengeResult => Unauthorized(),
                _ => stop,
            };
        if (!await IsValidAsync())
            return BadRequest();
        var (answers, cleared) = Input.ToChanges(Questionnaire);
        return await Journey.SaveAnswersAsync(Respondent.Id, answers, cleared, HttpContext.RequestAborted) == SaveOutcome.Saved
            ? new JsonResult(new { saved = answers.Count + cleared.Count })
            : StatusCode(StatusCodes.Status409Conflict);
    }

    private async Task<IActionResult?> LoadAsync(bool withAnswers)
    {
        if (await LoadRespondentAsync(withAnswers) is { } stop)
            return stop;
        if (!ConditionKeys.All.Contains(Condition))
            return NotFound();
        Current = Questionnaire.Condition(Condition);
        return null;
    }

    private async Task<bool> IsValidAsync()
    {
        var context = new ValidationContext<ConditionPageInput>(Input);
        context.RootContextData[ConditionPageInput.QuestionnaireKey] = Questionnaire;
        context.RootContextData[nameof(ConditionPageInput.Condition)] = Condition;
        return (await validator.ValidateAsync(context, HttpContext.RequestAborted)).IsValid;
    }

    private RedirectToPageResult Move()
    {
        var index = Position - 1;
        return Input.Move switch
        {
            "previous" when index == 0 => RedirectToPage("/Respond/Profile", new { Token }),
            "previous" => RedirectToPage("/Respond/Condition", new { Token, Condition = ConditionKeys.All[index - 1] }),
            "review" => RedirectToPage("/Respond/Review", new { Token }),
            "later" => RedirectToPage("/Respond/Review", null, new { Token }, "resume"),
            { } move when move.StartsWith("goto:", StringComparison.Ordinal) => RedirectToPage("/Respond/Condition", new { Token, Condition = move[5..] }),
            _ when index == ConditionKeys.All.Count - 1 => RedirectToPage("/Respond/Review", new { Token }),
            _ => RedirectToPage("/Respond/Condition", new { Token, Condition = ConditionKeys.All[index + 1] }),
        };
    }
}
