namespace SidecarGuard.Judges.Resilience;

/// <summary>One judge's part in a turn: its weighted verdict, or why it had none.</summary>
/// <param name="Judge">The judge's name.</param>
/// <param name="Verdict">The verdict after weight and threshold; <see langword="null"/> when the judge was unavailable.</param>
/// <param name="Failure">Why the judge was unavailable, such as <c>timed out after 1.5 s</c>.</param>
internal readonly record struct JudgeOutcome(string Judge, JudgeVerdict? Verdict, string? Failure)
{
    public bool Answered => Verdict is not null;

    public static JudgeOutcome Answer(string judge, JudgeVerdict verdict) => new(judge, verdict, null);

    public static JudgeOutcome Unavailable(string judge, string failure) => new(judge, null, failure);
}
