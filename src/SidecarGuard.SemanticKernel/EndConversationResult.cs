namespace SidecarGuard.SemanticKernel;

/// <summary>What <c>end_conversation</c> returns to the model.</summary>
/// <param name="Ended">True when the conversation has ended; the auto-function loop then stops.</param>
/// <param name="Message">For the model: the end, or why it was refused and how to carry on.</param>
public sealed record EndConversationResult(bool Ended, string Message);
