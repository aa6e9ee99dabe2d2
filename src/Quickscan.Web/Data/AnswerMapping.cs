using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Data;

/// <summary>Between stored answer rows and the domain's answers.</summary>
public static class AnswerMapping
{
    public static Answer ToDomain(this RespondentAnswer row) => row switch
    {
        { NotApplicable: true } => new NotApplicableAnswer(row.QuestionKey),
        { DontKnow: true } => new DontKnowAnswer(row.QuestionKey),
        { ScaleValue: { } value } => new ScaleAnswer(row.QuestionKey, value),
        { OptionKey: { } option } => new ChoiceAnswer(row.QuestionKey, option),
        _ => new TextAnswer(row.QuestionKey, row.Text ?? ""),
    };

    public static RespondentAnswer ToRow(this Answer answer, Guid respondentId, DateTimeOffset savedAt)
    {
        var row = new RespondentAnswer { RespondentId = respondentId, QuestionKey = answer.QuestionKey, SavedAt = savedAt };
        switch (answer)
        {
            case ScaleAnswer scale:
                row.ScaleValue = scale.Value;
                break;
            case ChoiceAnswer choice:
                row.OptionKey = choice.OptionKey;
                break;
            case TextAnswer text:
                row.Text = text.Text;
                break;
            case NotApplicableAnswer:
                row.NotApplicable = true;
                break;
            default:
                row.DontKnow = true;
                break;
        }

        return row;
    }
}
