using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// One short step (a factor's questions). Answers are saved on every step change (a normal form post and a
/// redirect, so it works without JavaScript and the back button lands on the step before) and, with JavaScript,
/// in the background while answering (handler Autosave, which sends only what changed).
/// </summary>
public sealed class StepModel(RespondentJourney journey, QuestionnaireCache questionnaires, IValidator<StepInput> validator)
    : RespondentPageModel(journey, questionnaires)
{
    [BindProperty(SupportsGet = true, Name = "step")]
    public string StepKey { get; set; } = "";

    [BindProperty]
    public StepInput Input { get; set; } = new();

    public Step Current { get; private set; } = null!;

    public Answer? AnswerTo(string questionKey) => Respondent.Answers.GetValueOrDefault(questionKey);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(withAnswers: true) is { } stop)
            return stop;
        return Page();
    }

    // Posts load the stored answers too: a question shown on condition of an earlier answer (showIf) is on this
    // step only given those answers, so steps and validation must see what the page showed.
    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(withAnswers: true) is { } stop)
            return stop;
        if (!await IsValidAsync())
            return BadRequest();
        var (answers, cleared) = Input.ToChanges(Questionnaire);
        if (await Journey.SaveAnswersAsync(Respondent.Id, answers, cleared, HttpContext.RequestAborted) == SaveOutcome.Locked)
            return RedirectToPage("/Respond/Result", new { Token });
        return Move();
    }

    /// <summary>The background save: the changed answers in, a status code out, no navigation.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync()
    {
        if (await LoadAsync(withAnswers: true) is { } stop)
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
        if (Steps.Find(StepKey) is not { } step)
            return NotFound();
        Current = step;
        return null;
    }

    private async Task<bool> IsValidAsync()
    {
        var context = new ValidationContext<StepInput>(Input);
        context.RootContextData[StepInput.QuestionnaireKey] = Questionnaire;
        context.RootContextData[StepInput.StepsKey] = Steps;
        context.RootContextData[nameof(StepInput.Step)] = Current;
        return (await validator.ValidateAsync(context, HttpContext.RequestAborted)).IsValid;
    }

    private RedirectToPageResult Move() => Input.Move switch
    {
        "previous" => Steps.Previous(Current) is { } previous
            ? RedirectToPage("/Respond/Step", new { Token, step = previous.Key })
            : RedirectToPage("/Respond/Profile", new { Token }),
        "review" => RedirectToPage("/Respond/Review", new { Token }),
        "later" => RedirectToPage("/Respond/Later", new { Token }),
        { } move when move.StartsWith("goto:", StringComparison.Ordinal) => RedirectToPage("/Respond/Step", new { Token, step = move[5..] }),
        _ => Steps.Next(Current) is { } next
            ? RedirectToPage("/Respond/Step", new { Token, step = next.Key })
            : RedirectToPage("/Respond/Review", new { Token }),
    };
}
