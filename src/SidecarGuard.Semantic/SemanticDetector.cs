using SidecarGuard.Core.Detection;
using SidecarGuard.Semantic.Encoding;
using SidecarGuard.Semantic.Heads;

namespace SidecarGuard.Semantic;

/// <summary>
/// The built-in detector with a semantic stage beside it: every user turn is embedded once by the sentence encoder,
/// each category head scores the embedding, and a category's score is the higher of the head's and the inner
/// detector's. End requests, confirmations, insistence and refusals stay with the inner detector, whose precise
/// patterns also cover what the English encoder reads poorly (other languages, obfuscation).
/// </summary>
/// <remarks>
/// The heads generalise where patterns cannot: a plainly worded request nobody wrote a pattern for, a user at risk
/// who says it indirectly. Two rules keep them from doing harm: a head alone never makes <c>self_harm</c> in a turn
/// that asks to end the conversation (that would veto the very end asked for; explicit self-harm patterns still do),
/// and head scores under <see cref="MinReportedScore"/> are not reported. Thread-safe.
/// </remarks>
public sealed class SemanticDetector : ITurnDetector, IDisposable
{
    /// <summary>Head scores below this carry no signal and are not reported.</summary>
    public const double MinReportedScore = 0.3;

    /// <summary>What a head-only self-harm score is held to in a turn that asks to end the conversation.</summary>
    private const double EndRequestSelfHarmCap = 0.45;

    private readonly ITurnDetector _inner;
    private readonly SentenceEncoder _encoder;
    private readonly IReadOnlyList<Head> _heads;
    private readonly bool _ownsEncoder;

    internal SemanticDetector(ITurnDetector inner, SentenceEncoder encoder, HeadSet heads, bool ownsEncoder = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(heads);
        if (heads.Dimensions != SentenceEncoder.Dimensions)
        {
            throw new InvalidDataException($"The heads expect {heads.Dimensions}-dimensional embeddings; the encoder gives {SentenceEncoder.Dimensions}.");
        }

        _inner = inner;
        _encoder = encoder;
        _heads = heads.Heads;
        _ownsEncoder = ownsEncoder;
    }

    /// <summary>
    /// The semantic stage over <paramref name="inner"/>, with the encoder from the bundled model package and the
    /// embedded heads. Loading takes about a second and 200 MB; create one per process.
    /// </summary>
    /// <param name="inner">The detector whose patterns run beside the heads (usually the built-in lexicon detector).</param>
    /// <param name="intraOpThreads">Threads one encoder call may use; 1 suits a server with concurrent calls.</param>
    public static SemanticDetector Create(ITurnDetector inner, int intraOpThreads = 1) =>
        new(inner, SentenceEncoder.LoadDefault(intraOpThreads), HeadSet.LoadEmbedded(), ownsEncoder: true);

    /// <summary>The semantic stage with heads read from <paramref name="headsPath"/> (to evaluate candidates).</summary>
    internal static SemanticDetector CreateWithHeadsFile(ITurnDetector inner, string headsPath)
    {
        using var file = File.OpenRead(headsPath);
        return new(inner, SentenceEncoder.LoadDefault(), HeadSet.Read(file), ownsEncoder: true);
    }

    /// <summary>The categories the heads score.</summary>
    public IEnumerable<string> Categories => _heads.Select(h => h.Category);

    /// <inheritdoc />
    public TurnSignals AnalyzeUserTurn(string text)
    {
        var inner = _inner.AnalyzeUserTurn(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return inner;
        }

        var semantic = Score(text);
        return Merge(inner, semantic);
    }

    /// <inheritdoc />
    public bool IsRefusal(string assistantText) => _inner.IsRefusal(assistantText);

    /// <summary>Each head's score on the detector's scale, the highest over the turn's windows.</summary>
    internal double[] Score(string text)
    {
        var windows = _encoder.EncodeWindows(text);
        var scores = new double[_heads.Count];
        for (var h = 0; h < _heads.Count; h++)
        {
            var best = 0f;
            foreach (var window in windows)
            {
                best = Math.Max(best, _heads[h].Probability(window));
            }

            scores[h] = Math.Round(_heads[h].Score(best), 3);
        }

        return scores;
    }

    private TurnSignals Merge(TurnSignals inner, double[] semantic)
    {
        List<CategoryScore>? merged = null;
        for (var h = 0; h < _heads.Count; h++)
        {
            var name = _heads[h].Category;
            var score = semantic[h];
            if (score < MinReportedScore)
            {
                continue;
            }

            if (inner.EndRequest && name == HarmCategories.SelfHarm)
            {
                score = Math.Min(score, EndRequestSelfHarmCap);
            }

            merged ??= [.. inner.Categories];
            var index = merged.FindIndex(c => c.Name == name);
            if (index < 0)
            {
                merged.Add(new CategoryScore(name, score));
            }
            else if (merged[index].Score < score)
            {
                merged[index] = new CategoryScore(name, score);
            }
        }

        if (merged is null)
        {
            return inner;
        }

        merged.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Name, b.Name));
        return inner with
        {
            Categories = merged,
            AtRisk = inner.AtRisk || merged.Any(c => c.Name is HarmCategories.SelfHarm or HarmCategories.HarmToOthers
                && c.Score >= LexiconDetector.DetectionThreshold),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsEncoder)
        {
            _encoder.Dispose();
        }
    }
}
