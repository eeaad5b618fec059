namespace SidecarGuard.Client;

/// <summary>
/// Thrown when the sidecar cannot be reached (UNAVAILABLE after the configured retries, or no answer before the
/// deadline). With <see cref="GuardFailMode.FailOpen"/>, turn evaluation answers a degraded verdict instead.
/// </summary>
public sealed class GuardUnavailableException : Exception
{
    /// <summary>Creates the exception with the address that could not be reached and the last transport error.</summary>
    public GuardUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
