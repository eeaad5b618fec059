using Microsoft.Extensions.AI;

namespace SidecarGuard.Extensions.AI;

/// <summary>Settings of <see cref="GuardedChatClient"/>.</summary>
public sealed class GuardedChatClientOptions
{
    /// <summary>
    /// Finds the conversation id of a call. Defaults to <see langword="null"/>: <see cref="ChatOptions.ConversationId"/>
    /// is used. When set, it is asked first and <see cref="ChatOptions.ConversationId"/> is the fallback.
    /// </summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, string?>? ConversationIdSelector { get; set; }

    /// <summary>
    /// Whether an END verdict adds the <c>end_conversation</c> tool to <see cref="ChatOptions.Tools"/> when the call does
    /// not already offer it. Defaults to <see langword="true"/>.
    /// </summary>
    public bool OfferEndToolWhenPermitted { get; set; } = true;
}
