using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Policy;

/// <summary>One user turn as the engine sees it: signals, never raw text.</summary>
/// <param name="Signals">What the detector found in the user's text.</param>
/// <param name="TextHash">SHA-256 hash (hex) of the user's text.</param>
/// <param name="PreviousAssistantRefused">Whether the assistant refused the previous user turn.</param>
public readonly record struct TurnContext(TurnSignals Signals, string TextHash, bool PreviousAssistantRefused);
