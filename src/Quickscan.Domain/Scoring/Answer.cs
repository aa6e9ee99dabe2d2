namespace Quickscan.Domain.Scoring;

/// <summary>A respondent's answer to one question.</summary>
public abstract record Answer(string QuestionKey);

/// <summary>Agreement 1 (strongly disagree) to 5 (strongly agree).</summary>
public sealed record ScaleAnswer(string QuestionKey, int Value) : Answer(QuestionKey)
{
    public const int Min = 1;
    public const int Max = 5;
}

/// <summary>"Don't know": left out of scoring and coverage, and counted: a share of don't-knows is a finding in its own right.</summary>
public sealed record DontKnowAnswer(string QuestionKey) : Answer(QuestionKey);

/// <summary>"Not applicable": left out of scoring and coverage, and counted apart from don't-know (it is noise, not a finding).</summary>
public sealed record NotApplicableAnswer(string QuestionKey) : Answer(QuestionKey);

public sealed record ChoiceAnswer(string QuestionKey, string OptionKey) : Answer(QuestionKey);

public sealed record TextAnswer(string QuestionKey, string Text) : Answer(QuestionKey)
{
    public const int MaxLength = 4000;
}
