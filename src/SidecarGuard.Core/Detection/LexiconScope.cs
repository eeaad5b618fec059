namespace SidecarGuard.Core.Detection;

/// <summary>
/// The prefilters (anchor words and required literals) of the lexicons that read one kind of text: user turns
/// (harm categories, end requests and confirmations) or assistant replies (refusals). Keeping them apart means a
/// reply is searched only for refusal literals, and a user turn never for them.
/// </summary>
internal sealed class LexiconScope
{
    private readonly ThreadLocal<AnchorHits?> _spare = new();

    /// <summary>The anchor words of the scope's patterns.</summary>
    public AnchorTable Anchors { get; } = new();

    /// <summary>The required literals of the scope's patterns.</summary>
    public LiteralIndex Literals { get; } = new();

    /// <summary>The per-turn memo for <paramref name="normalized"/>: this thread's spare one, or a new one. Dispose it after the turn.</summary>
    public AnchorHits Begin(ReadOnlySpan<char> normalized)
    {
        var hits = _spare.Value ?? new AnchorHits(this);
        _spare.Value = null; // a memo begun while this one is in use gets its own
        hits.Reset(normalized);
        return hits;
    }

    /// <summary>Takes a memo back for this thread's next turn.</summary>
    internal void Return(AnchorHits hits) => _spare.Value = hits;
}
