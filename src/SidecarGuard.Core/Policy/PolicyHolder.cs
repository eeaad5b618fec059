namespace SidecarGuard.Core.Policy;

/// <summary>
/// Holds the policy engine in force. A reload swaps the whole engine at once, so every decision sees one consistent
/// policy; decisions already under way finish with the engine they started with.
/// </summary>
public sealed class PolicyHolder
{
    private volatile PolicyEngine _current;

    /// <summary>Starts with <paramref name="options"/>.</summary>
    public PolicyHolder(PolicyOptions options)
    {
        _current = new PolicyEngine(options);
    }

    /// <summary>The engine in force.</summary>
    public PolicyEngine Current => _current;

    /// <summary>Puts <paramref name="options"/> in force for every later decision.</summary>
    public void Replace(PolicyOptions options) => _current = new PolicyEngine(options);
}
