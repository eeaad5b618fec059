namespace SidecarGuard.Core.Detection;

/// <summary>Temporary keyword detector; replaced by the lexicon detector.</summary>
public sealed class LexiconDetector : ITurnDetector
{
    /// <inheritdoc />
    public TurnSignals AnalyzeUserTurn(string text)
    {
        var t = text.ToLowerInvariant();
        if (t.Contains("kill myself", StringComparison.Ordinal))
        {
            return new() { AtRisk = true, Categories = [new(HarmCategories.SelfHarm, 0.9)] };
        }

        if (t.Contains("bomb", StringComparison.Ordinal))
        {
            return new() { Categories = [new(HarmCategories.MassViolence, 0.9)] };
        }

        if (t.Contains("idiot", StringComparison.Ordinal))
        {
            return new() { Categories = [new(HarmCategories.Abuse, 0.9)] };
        }

        return new() { EndRequest = t.Contains("end this", StringComparison.Ordinal), EndConfirmation = t.StartsWith("yes", StringComparison.Ordinal) };
    }

    /// <inheritdoc />
    public bool IsRefusal(string assistantText) => assistantText.Contains("can't help", StringComparison.OrdinalIgnoreCase);
}
