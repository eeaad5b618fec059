namespace SidecarGuard.Core.Detection;

/// <summary>The compiled lexicons split into harm categories and turn signals (refusal, end request, ...).</summary>
internal sealed class LexiconSet
{
    private static readonly HashSet<string> SignalNames =
    [
        LexiconDetector.RefusalSignal,
        LexiconDetector.EndRequestSignal,
        LexiconDetector.EndConfirmationSignal,
        LexiconDetector.InsistenceSignal,
        LexiconDetector.ContinuationSignal,
        LexiconDetector.DeclinesHelpSignal,
    ];

    private readonly Dictionary<string, CompiledLexicon> signals;
    private readonly LexiconScope userTurns;
    private readonly LexiconScope replies;

    public LexiconSet(IEnumerable<CompiledLexicon> all, LexiconScope userTurns, LexiconScope replies)
    {
        var list = all.ToList();
        Categories = [.. list.Where(l => !SignalNames.Contains(l.Category)).OrderBy(l => l.Category, StringComparer.Ordinal)];
        signals = list.Where(l => SignalNames.Contains(l.Category)).ToDictionary(l => l.Category, StringComparer.Ordinal);
        this.userTurns = userTurns;
        this.replies = replies;
    }

    /// <summary>Harm and at-risk category lexicons, in name order.</summary>
    public IReadOnlyList<CompiledLexicon> Categories { get; }

    /// <summary>The lexicon of harm category <paramref name="name"/>, or null.</summary>
    public CompiledLexicon? Category(string name) => Categories.FirstOrDefault(l => l.Category == name);

    /// <summary>Starts the memo of anchors and literals for a user turn; dispose it after the turn.</summary>
    public AnchorHits BeginTurn(ReadOnlySpan<char> normalized) => userTurns.Begin(normalized);

    /// <summary>Starts the memo for an assistant reply (refusal patterns only); dispose it after use.</summary>
    public AnchorHits BeginReply(ReadOnlySpan<char> normalized) => replies.Begin(normalized);

    /// <summary>Scores a signal; 0 when no lexicon for it is loaded.</summary>
    public double Signal(string name, ReadOnlySpan<char> normalized, AnchorHits hits) =>
        signals.TryGetValue(name, out var lexicon) ? lexicon.Score(normalized, hits) : 0;
}
