namespace SidecarGuard;

/// <summary>Thrown when a guard request is invalid; <see cref="Field"/> names the offending field (wire name).</summary>
public sealed class InvalidGuardRequestException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public InvalidGuardRequestException(string field, string message)
        : base(message, field)
    {
        Field = field;
    }

    /// <summary>The offending field, as named in the wire contract (for example <c>conversation_id</c>).</summary>
    public string Field { get; }
}
