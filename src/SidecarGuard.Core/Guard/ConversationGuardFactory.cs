using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Core.Guard;

/// <summary>
/// Builds guards from the parts registered by <c>AddConversationGuard</c>: the registered detector (with any judges
/// added in front of it), policy, limits and clock, over the registered store or over another one (the sidecar gives
/// each tenant a guard over its own view of the store).
/// </summary>
public sealed class ConversationGuardFactory(ITurnDetector detector, PolicyHolder policy, GuardOptions options, TimeProvider time)
{
    /// <summary>The detector every guard from this factory uses.</summary>
    public ITurnDetector Detector { get; } = detector ?? throw new ArgumentNullException(nameof(detector));

    /// <summary>A guard over <paramref name="store"/>.</summary>
    public ConversationGuard Create(IConversationStore store) => new(Detector, policy, store, options, time);
}
