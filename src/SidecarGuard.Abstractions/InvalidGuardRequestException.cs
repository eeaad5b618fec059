namespace SidecarGuard;

/// <summary>Thrown when a guard request is invalid; <see cref="Field"/> names the offending field (wire name).</summary>
public sealed class InvalidGuardRequestException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public InvalidGuardRequestException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <inheritdoc />
    /// <remarks>The field, as <see cref="Field"/>; the message stays the sentence given, without .NET's "(Parameter ...)" suffix.</remarks>
    public override string ParamName => Field;

    /// <summary>The offending field, as named in the wire contract (for example <c>conversation_id</c>).</summary>
    public string Field { get; }
}
