namespace Quickscan.Domain.Scoring;

/// <summary>A respondent's answer to one question.</summary>
public abstract record Answer(string QuestionKey);

/// <summary>Agreement 1 (strongly disagree) to 5 (strongly agree).</summary>
public sealed record ScaleAnswer(string QuestionKey, int Value) : Answer(QuestionKey)
{
    public const int Min = 1;
    public const int Max = 5;
}

/// <summary>"Don't know / not applicable": counts as not answered, so it is left out of scoring and coverage.</summary>
public sealed record DontKnowAnswer(string QuestionKey) : Answer(QuestionKey);

public sealed record ChoiceAnswer(string QuestionKey, string OptionKey) : Answer(QuestionKey);

public sealed record TextAnswer(string QuestionKey, string Text) : Answer(QuestionKey)
{
    public const int MaxLength = 4000;
}
