namespace SidecarGuard;

/// <summary>Who gave feedback on a conversation. Values match the wire enum <c>FeedbackSource</c>.</summary>
public enum FeedbackSource
{
    /// <summary>Not given; refused by validation.</summary>
    Unspecified = 0,

    /// <summary>The person in the conversation.</summary>
    User = 1,

    /// <summary>An operator reviewing the conversation.</summary>
    Operator = 2,
}
