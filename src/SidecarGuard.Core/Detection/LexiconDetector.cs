using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// The built-in detector: normalises the turn with <see cref="TextNormalizer"/> and scores it against the
/// embedded regex lexicons (one per harm category, plus refusal, end-request and end-confirmation signals).
/// </summary>
/// <remarks>
/// A category counts as detected at a score of <see cref="DetectionThreshold"/> or more; every category with a
/// score above zero is reported so the policy can apply its own thresholds. Lexicons load and compile once per
/// process on first use. Instances are stateless and thread-safe.
/// </remarks>
public sealed class LexiconDetector : ITurnDetector
{
    /// <summary>Score at which a category or signal counts as detected. Defaults to 0.5.</summary>
    public const double DetectionThreshold = 0.5;

    /// <summary>Turns longer than this (after normalisation) are never read as an end confirmation.</summary>
    private const int MaxConfirmationLength = 60;

    internal const string RefusalSignal = "refusal";
    internal const string EndRequestSignal = "end_request";
    internal const string EndConfirmationSignal = "end_confirmation";

    private static readonly Lazy<LexiconSet> Embedded = new(LexiconLoader.LoadEmbedded);

    private readonly LexiconSet lexicons;

    /// <summary>Creates a detector over the embedded lexicons (compiled once per process and shared).</summary>
    public LexiconDetector()
        : this(Embedded.Value)
    {
    }

    internal LexiconDetector(LexiconSet lexicons) => this.lexicons = lexicons;

    /// <inheritdoc />
    public TurnSignals AnalyzeUserTurn(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return TurnSignals.None;
        }

        var hits = lexicons.BeginTurn(normalized);
        var categories = ScoreCategories(normalized, hits);
        var endRequest = lexicons.Signal(EndRequestSignal, normalized, hits) >= DetectionThreshold;
        var confirmation = normalized.Length <= MaxConfirmationLength
            && lexicons.Signal(EndConfirmationSignal, normalized, hits) >= DetectionThreshold;
        if (categories.Count == 0 && !endRequest && !confirmation)
        {
            return TurnSignals.None;
        }

        return new TurnSignals
        {
            Categories = categories,
            AtRisk = categories.Any(c => IsAtRiskCategory(c.Name) && c.Score >= DetectionThreshold),
            EndRequest = endRequest,
            EndConfirmation = confirmation,
        };
    }

    /// <inheritdoc />
    public bool IsRefusal(string assistantText)
    {
        var normalized = TextNormalizer.Normalize(assistantText);
        return normalized.Length > 0
            && lexicons.Signal(RefusalSignal, normalized, lexicons.BeginTurn(normalized)) >= DetectionThreshold;
    }

    private List<CategoryScore> ScoreCategories(string normalized, AnchorHits hits)
    {
        var found = new List<CategoryScore>();
        foreach (var lexicon in lexicons.Categories)
        {
            var score = lexicon.Score(normalized, hits);
            if (score > 0)
            {
                found.Add(new CategoryScore(lexicon.Category, score));
            }
        }

        // Strongest first; ties by name so the order is stable across runs.
        found.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Name, b.Name));
        return found;
    }

    private static bool IsAtRiskCategory(string name) =>
        name is HarmCategories.SelfHarm or HarmCategories.HarmToOthers;
}
