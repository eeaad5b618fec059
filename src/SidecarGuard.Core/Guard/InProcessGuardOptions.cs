using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Core.Guard;

/// <summary>Settings of the in-process guard registered by <c>AddSidecarGuardInProcess</c>.</summary>
public sealed class InProcessGuardOptions
{
    /// <summary>The policy. Defaults to the built-in policy (the sidecar's default).</summary>
    public PolicyOptions Policy { get; set; } = new();

    /// <summary>
    /// The conversation store. Defaults to <see langword="null"/>: an <see cref="IConversationStore"/> already registered
    /// in the container is used, otherwise a new <see cref="InMemoryConversationStore"/> (lost on exit).
    /// </summary>
    public IConversationStore? Store { get; set; }

    /// <summary>Text limits and privacy settings. Defaults to 32 KiB per text and no raw text stored.</summary>
    public GuardOptions Guard { get; set; } = new();
}
