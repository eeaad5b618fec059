namespace SidecarGuard.Core.Detection;

/// <summary>
/// A pattern ready to run: its regex, score, strength, the prefilter anchor it needs (-1 for none), the literal sets
/// every match contains (<see cref="RequiredLiterals"/>, as <see cref="LiteralIndex"/> ids) and whether it anchors
/// itself to the start or end of the text (then it always sees the whole text).
/// </summary>
internal readonly record struct CompiledPattern(LazyPattern Pattern, double Score, bool Strong, int Anchor, int[][] Literals, bool WholeText);

/// <summary>
/// A lexicon ready to score normalised text. Each pattern is tried only when its prefilter anchor hits and the turn
/// contains its required literals, so most turns run no regex at all; benign-context patterns run only when
/// something matched.
/// </summary>
internal sealed class CompiledLexicon
{
    /// <summary>Each pattern beyond the strongest adds this much, so several distinct cues outweigh one.</summary>
    private const double ExtraMatchBonus = 0.1;

    private const double MaxBonus = 0.2;

    private readonly CompiledPattern[] patterns;
    private readonly (LazyPattern Pattern, double Factor)[] benign;
    private readonly (LazyPattern Pattern, double Factor)[] figurative;

    public CompiledLexicon(string category, CompiledPattern[] patterns, (LazyPattern Pattern, double Factor)[] benign,
        (LazyPattern Pattern, double Factor)[]? figurative = null)
    {
        Category = category;
        this.patterns = patterns;
        this.benign = benign;
        this.figurative = figurative ?? [];
    }

    /// <summary>
    /// The lowest factor of the benign contexts marked figurative that match (1 when none does): the turn uses the
    /// category's words in a sense that hurts no one.
    /// </summary>
    public double FigurativeFactor(ReadOnlySpan<char> normalized) => LowestFactor(figurative, normalized);

    /// <summary>The category or signal name.</summary>
    public string Category { get; }

    /// <summary>Whether any pattern's prefilter words occur in the turn (a pattern without prefilter counts).</summary>
    public bool AnyAnchorHit(AnchorHits anchors)
    {
        foreach (var pattern in patterns)
        {
            if (anchors.Hit(pattern.Anchor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Scores normalised text in [0, 1]; 0 when nothing matches.</summary>
    public double Score(ReadOnlySpan<char> normalized, AnchorHits anchors)
    {
        var bestStrong = 0.0;
        var bestWeak = 0.0;
        var matches = 0;
        foreach (var pattern in patterns)
        {
            if (anchors.Hit(pattern.Anchor) && anchors.LiteralsHit(pattern.Literals, normalized) && Matches(pattern, normalized, anchors))
            {
                matches++;
                if (pattern.Strong)
                {
                    bestStrong = Math.Max(bestStrong, pattern.Score);
                }
                else
                {
                    bestWeak = Math.Max(bestWeak, pattern.Score);
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        // Benign context scales the weak patterns and, when they carry the score, the extra-match bonus too.
        var factor = bestWeak > bestStrong ? BenignFactor(normalized) : 1.0;
        var weak = bestWeak * factor;
        var bonus = Math.Min(MaxBonus, ExtraMatchBonus * (matches - 1)) * (weak > bestStrong ? factor : 1.0);
        return Math.Round(Math.Min(1.0, Math.Max(bestStrong, weak) + bonus), 3);
    }

    /// <summary>
    /// Runs the pattern only on windows around the words that hit its anchor: a match must contain one of them,
    /// and no pattern spans more than <see cref="RegexMatching.WindowRadius"/> characters on either side.
    /// Overlapping windows are merged first, so no character is scanned twice.
    /// </summary>
    private static bool Matches(CompiledPattern pattern, ReadOnlySpan<char> normalized, AnchorHits anchors)
    {
        if (pattern.Anchor < 0 || pattern.WholeText)
        {
            return pattern.Pattern.IsMatch(normalized);
        }

        var (from, to) = (-1, -1);
        foreach (var (start, end) in anchors.Spans(pattern.Anchor))
        {
            var (windowFrom, windowTo) = RegexMatching.Window(normalized, start, end);
            if (windowFrom <= to)
            {
                to = Math.Max(to, windowTo);
                continue;
            }

            if (to > from && pattern.Pattern.IsMatch(normalized[from..to]))
            {
                return true;
            }

            (from, to) = (windowFrom, windowTo);
        }

        return to > from && pattern.Pattern.IsMatch(normalized[from..to]);
    }

    private double BenignFactor(ReadOnlySpan<char> normalized) => LowestFactor(benign, normalized);

    private static double LowestFactor((LazyPattern Pattern, double Factor)[] contexts, ReadOnlySpan<char> normalized)
    {
        var factor = 1.0;
        foreach (var (pattern, f) in contexts)
        {
            if (f < factor && pattern.IsMatch(normalized))
            {
                factor = f;
            }
        }

        return factor;
    }
}
