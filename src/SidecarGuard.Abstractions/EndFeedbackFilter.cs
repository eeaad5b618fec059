namespace SidecarGuard;

/// <summary>Which ends a listing keeps by their feedback. Values match the wire enum <c>FeedbackFilter</c>.</summary>
public enum EndFeedbackFilter
{
    /// <summary>Every end.</summary>
    Any = 0,

    /// <summary>Ends nobody gave feedback on.</summary>
    None = 1,

    /// <summary>Ends with any feedback.</summary>
    WithFeedback = 2,

    /// <summary>Ends with feedback that calls a decision wrong (end or support).</summary>
    MarkedWrong = 3,
}
