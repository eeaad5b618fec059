namespace SidecarGuard.Judges;

/// <summary>
/// A model judge: scores one user turn by asking an external classifier. Implementations throw on any failure
/// (connection, HTTP status, malformed answer); the combining detector then falls back to the built-in detector.
/// </summary>
public interface ITurnJudge
{
    /// <summary>Short name used in verdict notes and logs, such as <c>llama-guard</c>.</summary>
    string Name { get; }

    /// <summary>Scores <paramref name="userText"/>; raw scores, before the judge's weight and threshold apply.</summary>
    /// <param name="userText">The user's turn.</param>
    /// <param name="cancellationToken">Cancelled on the per-call timeout or when the caller gives up.</param>
    ValueTask<JudgeVerdict> JudgeAsync(string userText, CancellationToken cancellationToken);
}
