using System.Text.RegularExpressions;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// A lexicon ready to score normalised text. A few alternations of all patterns gate the per-pattern checks,
/// so text that matches nothing costs a few linear scans per category.
/// </summary>
internal sealed class CompiledLexicon
{
    /// <summary>Each pattern beyond the strongest adds this much, so several distinct cues outweigh one.</summary>
    private const double ExtraMatchBonus = 0.1;

    private const double MaxBonus = 0.2;

    private readonly Regex[] gates;
    private readonly (Regex Regex, double Score, bool Strong)[] patterns;
    private readonly (Regex Regex, double Factor)[] benign;

    public CompiledLexicon(
        string category,
        Regex[] gates,
        (Regex Regex, double Score, bool Strong)[] patterns,
        (Regex Regex, double Factor)[] benign)
    {
        Category = category;
        this.gates = gates;
        this.patterns = patterns;
        this.benign = benign;
    }

    /// <summary>The category or signal name.</summary>
    public string Category { get; }

    /// <summary>Scores normalised text in [0, 1]; 0 when nothing matches.</summary>
    public double Score(string normalized)
    {
        if (!AnyGateMatches(normalized))
        {
            return 0;
        }

        var factor = 1.0;
        foreach (var (regex, f) in benign)
        {
            if (f < factor && Matches(regex, normalized))
            {
                factor = f;
            }
        }

        var best = 0.0;
        var matches = 0;
        foreach (var (regex, score, strong) in patterns)
        {
            if (Matches(regex, normalized))
            {
                matches++;
                best = Math.Max(best, strong ? score : score * factor);
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var bonus = Math.Min(MaxBonus, ExtraMatchBonus * (matches - 1));
        return Math.Round(Math.Min(1.0, best + (best > 0 ? bonus : 0)), 3);
    }

    private bool AnyGateMatches(string normalized)
    {
        foreach (var gate in gates)
        {
            if (Matches(gate, normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A pattern that times out (only possible on the backtracking fallback) counts as not matching.</summary>
    private static bool Matches(Regex regex, string normalized)
    {
        try
        {
            return regex.IsMatch(normalized);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
