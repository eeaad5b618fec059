namespace SidecarGuard.Judges;

/// <summary>A judge could not give a usable answer: HTTP error, connection failure or an answer it cannot read.</summary>
public sealed class JudgeUnavailableException : Exception
{
    /// <summary>Creates the exception with a short reason such as <c>HTTP 503</c>.</summary>
    public JudgeUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a short reason and its cause.</summary>
    public JudgeUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic reason.</summary>
    public JudgeUnavailableException()
        : base("judge unavailable")
    {
    }
}
