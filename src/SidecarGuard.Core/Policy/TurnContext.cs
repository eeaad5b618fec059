using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Policy;

/// <summary>One user turn as the engine sees it: signals, never raw text.</summary>
/// <param name="Signals">What the detector found in the user's text.</param>
/// <param name="TextHash">SHA-256 hash (hex) of the user's text.</param>
/// <param name="PreviousAssistantRefused">Whether the assistant refused the previous user turn.</param>
/// <param name="PreviousAssistantOfferedHelp">
/// Whether the assistant's previous reply offered crisis help (a hotline, emergency services): the assistant saw a
/// user who may be at risk, which is evidence too.
/// </param>
public readonly record struct TurnContext(TurnSignals Signals, string TextHash, bool PreviousAssistantRefused, bool PreviousAssistantOfferedHelp = false);
