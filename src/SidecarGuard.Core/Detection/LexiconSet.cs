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

    public LexiconSet(IReadOnlyDictionary<string, CompiledLexicon> all)
    {
        Categories = [.. all.Values.Where(l => !SignalNames.Contains(l.Category)).OrderBy(l => l.Category, StringComparer.Ordinal)];
        signals = all.Values.Where(l => SignalNames.Contains(l.Category)).ToDictionary(l => l.Category, StringComparer.Ordinal);
    }

    /// <summary>Harm and at-risk category lexicons, in name order.</summary>
    public IReadOnlyList<CompiledLexicon> Categories { get; }

    /// <summary>Scores a signal; 0 when no lexicon for it is loaded.</summary>
    public double Signal(string name, string normalized) =>
        signals.TryGetValue(name, out var lexicon) ? lexicon.Score(normalized) : 0;
}
