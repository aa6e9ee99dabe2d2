using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// "Continue later": the answers are saved; the personal resume link to copy, and as a QR code for another
/// device. Nothing to submit here: the way back is to the questions.
/// </summary>
public sealed class LaterModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    public string ResumeLink { get; private set; } = "";

    /// <summary>The resume link as a QR code (an SVG data URI: the page's policy allows data images, not inline SVG styles).</summary>
    public string QrDataUri { get; private set; } = "";

    public int Answered { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: true) is { } stop)
            return stop;
        ResumeLink = ResumeUrl(Request.Cookies[ResumeCookie]!);
        QrDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Scans.DetailsModel.QrSvg(ResumeLink)));
        Answered = Steps.Answered(Respondent.Answers);
        return Page();
    }
}
