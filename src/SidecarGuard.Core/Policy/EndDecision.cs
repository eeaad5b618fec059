namespace SidecarGuard.Core.Policy;

/// <summary>Whether policy permits an end now, and if not, why.</summary>
/// <param name="Refusal">Why the end is refused; <see langword="null"/> when it is permitted.</param>
/// <param name="Message">A sentence explaining the refusal, for the caller and its model.</param>
public readonly record struct EndDecision(EndRefusalCode? Refusal, string Message)
{
    /// <summary>Whether the end is permitted.</summary>
    public bool Permitted => Refusal is null;
}
