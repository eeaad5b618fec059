namespace SidecarGuard;

/// <summary>What the feedback says about the guard's decision. Values match the wire enum <c>FeedbackVerdict</c>.</summary>
public enum FeedbackVerdict
{
    /// <summary>Not given; refused by validation.</summary>
    Unspecified = 0,

    /// <summary>Ending the conversation was right.</summary>
    EndWasRight = 1,

    /// <summary>Ending the conversation was wrong.</summary>
    EndWasWrong = 2,

    /// <summary>Treating the user as at risk (SUPPORT) was wrong.</summary>
    SupportWasWrong = 3,

    /// <summary>Anything else; the comment says what.</summary>
    Other = 4,
}
