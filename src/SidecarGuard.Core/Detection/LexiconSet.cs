namespace SidecarGuard.Core.Detection;

/// <summary>The compiled lexicons split into harm categories and turn signals (refusal, end request, ...).</summary>
internal sealed class LexiconSet
{
    private static readonly HashSet<string> SignalNames =
    [
        LexiconDetector.RefusalSignal,
        LexiconDetector.EndRequestSignal,
        LexiconDetector.EndConfirmationSignal,
    ];

    private readonly Dictionary<string, CompiledLexicon> signals;
    private readonly AnchorTable anchors;
    private readonly LiteralIndex literals;

    public LexiconSet(IEnumerable<CompiledLexicon> all, AnchorTable anchors, LiteralIndex literals)
    {
        var list = all.ToList();
        Categories = [.. list.Where(l => !SignalNames.Contains(l.Category)).OrderBy(l => l.Category, StringComparer.Ordinal)];
        signals = list.Where(l => SignalNames.Contains(l.Category)).ToDictionary(l => l.Category, StringComparer.Ordinal);
        this.anchors = anchors;
        this.literals = literals;
    }

    /// <summary>Harm and at-risk category lexicons, in name order.</summary>
    public IReadOnlyList<CompiledLexicon> Categories { get; }

    /// <summary>The lexicon of harm category <paramref name="name"/>, or null.</summary>
    public CompiledLexicon? Category(string name) => Categories.FirstOrDefault(l => l.Category == name);

    /// <summary>Starts the per-turn memo of anchors and literals for <paramref name="normalized"/>; dispose it after the turn.</summary>
    public AnchorHits BeginTurn(ReadOnlySpan<char> normalized) => AnchorHits.Begin(anchors, literals, normalized);

    /// <summary>Scores a signal; 0 when no lexicon for it is loaded.</summary>
    public double Signal(string name, ReadOnlySpan<char> normalized, AnchorHits hits) =>
        signals.TryGetValue(name, out var lexicon) ? lexicon.Score(normalized, hits) : 0;
}
