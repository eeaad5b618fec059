namespace SidecarGuard;

/// <summary>Thrown when a request is valid but the conversation's state does not allow it.</summary>
public sealed class GuardPreconditionException : Exception
{
    /// <summary>Creates the exception with a machine-readable <paramref name="reason"/> (UPPER_SNAKE_CASE).</summary>
    public GuardPreconditionException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Machine-readable reason, such as <c>BRANCH_AFTER_END</c>.</summary>
    public string Reason { get; }
}
