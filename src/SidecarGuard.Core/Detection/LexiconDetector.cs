using System.Buffers;
using SidecarGuard.Core.Detection.Model;
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

    /// <summary>Turns longer than this (after normalisation) are never read as insistence: they carry their own request.</summary>
    private const int MaxInsistenceLength = 160;

    /// <summary>Turns longer than this (after normalisation) are never read as a continuation: they say enough on their own.</summary>
    private const int MaxContinuationLength = 200;

    /// <summary>Turns longer than this (after normalisation) are not read for help turned down: a chat reply that refuses is short.</summary>
    private const int MaxDeclinesHelpLength = 200;

    internal const string RefusalSignal = "refusal";
    internal const string EndRequestSignal = "end_request";
    internal const string EndConfirmationSignal = "end_confirmation";
    internal const string InsistenceSignal = "insistence";
    internal const string ContinuationSignal = "continuation";
    internal const string DeclinesHelpSignal = "declines_help";

    private static readonly Lazy<LexiconSet> Embedded = new(LexiconLoader.LoadEmbedded);

    /// <summary>Model scores below this are not reported at all: they carry no signal and would only add noise.</summary>
    private const double MinReportedModelScore = 0.3;

    /// <summary>
    /// Turns shorter than this many words give the model too few features to be trusted alone ("Yes, I'm sure." once
    /// scored as self-harm, which would have vetoed a confirmed end); the lexicons still judge them.
    /// </summary>
    private const int MinModelWords = 5;

    /// <summary>Score a model category is held to when none of its lexicon's concept words occurs in the turn.</summary>
    private const double UncorroboratedModelScore = 0.45;

    private readonly LexiconSet lexicons;
    private readonly LinearModel? model;

    /// <summary>Creates a detector over the embedded lexicons and model (loaded once per process and shared).</summary>
    public LexiconDetector()
        : this(Embedded.Value, EmbeddedModel.Value)
    {
    }

    internal LexiconDetector(LexiconSet lexicons, LinearModel? model = null)
    {
        this.lexicons = lexicons;
        this.model = model;
    }

    /// <summary>A detector over <paramref name="lexicons"/>, with the embedded model when <paramref name="withModel"/> (the lab's ablation).</summary>
    internal static LexiconDetector With(LexiconSet lexicons, bool withModel) => new(lexicons, withModel ? EmbeddedModel.Value : null);

    /// <summary>A detector over the embedded lexicons and the model weights in <paramref name="path"/> (for evaluating candidates).</summary>
    internal static LexiconDetector WithModelFile(string path)
    {
        using var file = File.OpenRead(path);
        return new LexiconDetector(Embedded.Value, LinearModel.Read(file));
    }

    /// <inheritdoc />
    public TurnSignals AnalyzeUserTurn(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TurnSignals.None;
        }

        var buffer = TextNormalizer.NormalizePooled(text, out var length);
        try
        {
            var normalized = buffer.AsSpan(0, length);
            if (length == 0)
            {
                return TurnSignals.None;
            }

            // The model runs once; its probabilities both open the lexicon gate and become category scores.
            Span<float> probabilities = stackalloc float[model?.Categories.Count ?? 0];
            model?.Score(normalized, probabilities);
            return model is not null && !NeedsLexicons(normalized, probabilities)
                ? ContinuationOnly(normalized)
                : AnalyzeNormalized(normalized, probabilities);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether the regex lexicons must run. Short turns always run them (cheap, and they may be confirmations);
    /// longer ones only when <see cref="LexiconGate"/> opens: the model is suspicious, or the turn is not plain
    /// English, or it contains a watched word. A turn that fails all three cannot reach 0.5 from the model alone,
    /// since the gate's probability is far below every category threshold.
    /// </summary>
    private static bool NeedsLexicons(ReadOnlySpan<char> normalized, ReadOnlySpan<float> probabilities)
    {
        if (normalized.Length <= MaxConfirmationLength)
        {
            return true;
        }

        foreach (var p in probabilities)
        {
            if (p >= LexiconGate.ModelProbability)
            {
                return true;
            }
        }

        return LexiconGate.Default.Opens(normalized);
    }

    /// <summary>A turn the gate keeps from the harm lexicons may still refer back to a refused request.</summary>
    private TurnSignals ContinuationOnly(ReadOnlySpan<char> normalized)
    {
        if (normalized.Length > MaxContinuationLength)
        {
            return TurnSignals.None;
        }

        using var hits = lexicons.BeginTurn(normalized);
        var continuation = IsContinuation(normalized, hits);
        var declinesHelp = DeclinesHelp(normalized, hits);
        return continuation || declinesHelp ? new TurnSignals { Continuation = continuation, DeclinesHelp = declinesHelp } : TurnSignals.None;
    }

    private bool IsContinuation(ReadOnlySpan<char> normalized, AnchorHits hits) =>
        normalized.Length <= MaxContinuationLength && lexicons.Signal(ContinuationSignal, normalized, hits) >= DetectionThreshold;

    private bool DeclinesHelp(ReadOnlySpan<char> normalized, AnchorHits hits) =>
        normalized.Length <= MaxDeclinesHelpLength && lexicons.Signal(DeclinesHelpSignal, normalized, hits) >= DetectionThreshold;

    private TurnSignals AnalyzeNormalized(ReadOnlySpan<char> normalized, ReadOnlySpan<float> probabilities)
    {
        using var hits = lexicons.BeginTurn(normalized);
        var endRequest = lexicons.Signal(EndRequestSignal, normalized, hits) >= DetectionThreshold;
        var categories = ScoreCategories(normalized, hits, probabilities, endRequest, out var atRiskFromModel, out var named);
        var confirmation = normalized.Length <= MaxConfirmationLength
            && lexicons.Signal(EndConfirmationSignal, normalized, hits) >= DetectionThreshold;
        var insistence = normalized.Length <= MaxInsistenceLength
            && lexicons.Signal(InsistenceSignal, normalized, hits) >= DetectionThreshold;
        var continuation = IsContinuation(normalized, hits);
        var declinesHelp = DeclinesHelp(normalized, hits);
        if (categories is null && !endRequest && !confirmation && !insistence && !continuation && !declinesHelp)
        {
            return TurnSignals.None;
        }

        categories ??= [];
        return new TurnSignals
        {
            Categories = categories,
            EndRequest = endRequest,
            EndConfirmation = confirmation,
            Insistence = insistence,
            Continuation = continuation,
            DeclinesHelp = declinesHelp,
            AtRiskFromWordStatistics = atRiskFromModel,
            NamedOutright = named,
        };
    }

    /// <summary>
    /// How far the turn's use of violent words is figurative, as a factor for a reading of violence that rests on
    /// something other than the lexicons' patterns: the lowest factor among the benign contexts marked
    /// <c>figurative</c> in the violence and weapons lexicons that match ("kill a couple of hours at the airport",
    /// "a bath bomb for her birthday"), or 1 when none does. Runs its few patterns on every call; the semantic stage
    /// asks only when its heads read violence the lexicons do not.
    /// </summary>
    public double ViolenceFigurativeFactor(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 1.0;
        }

        var buffer = TextNormalizer.NormalizePooled(text, out var length);
        try
        {
            var normalized = buffer.AsSpan(0, length);
            var factor = 1.0;
            foreach (var category in ViolentCategories)
            {
                if (lexicons.Category(category) is { } lexicon)
                {
                    factor = Math.Min(factor, lexicon.FigurativeFactor(normalized));
                }
            }

            return factor;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The categories whose readings a figurative use of violent words explains (<see cref="ViolenceFigurativeFactor"/>).</summary>
    public static IReadOnlyList<string> ViolentCategories { get; } =
        [HarmCategories.Violence, HarmCategories.MassViolence, HarmCategories.IndiscriminateWeapons];

    /// <inheritdoc />
    public bool IsRefusal(string assistantText)
    {
        if (string.IsNullOrEmpty(assistantText))
        {
            return false;
        }

        var buffer = TextNormalizer.NormalizePooled(assistantText, out var length);
        try
        {
            var normalized = buffer.AsSpan(0, length);
            if (length == 0)
            {
                return false;
            }

            using var hits = lexicons.BeginReply(normalized);
            return lexicons.Signal(RefusalSignal, normalized, hits) >= DetectionThreshold;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Every category with a score above zero, strongest first; null when there is none (no allocation).
    /// <paramref name="atRiskFromModel"/> is set when an at-risk category has a score and no at-risk pattern matched (the model alone);
    /// <paramref name="named"/> lists what the patterns alone scored, before the model's word statistics (see <see cref="TurnSignals.NamedOutright"/>).
    /// </summary>
    private List<CategoryScore>? ScoreCategories(ReadOnlySpan<char> normalized, AnchorHits hits, ReadOnlySpan<float> probabilities, bool endRequest,
        out bool atRiskFromModel, out IReadOnlyList<CategoryScore> named)
    {
        List<CategoryScore>? found = null;
        var atRiskPattern = false;
        foreach (var lexicon in lexicons.Categories)
        {
            var score = lexicon.Score(normalized, hits);
            if (score > 0)
            {
                (found ??= []).Add(new CategoryScore(lexicon.Category, score));
                atRiskPattern |= HarmCategories.IsAtRisk(lexicon.Category);
            }
        }

        named = found is null ? [] : [.. found];

        AddModelScores(normalized, hits, probabilities, endRequest, ref found);
        atRiskFromModel = !atRiskPattern && found?.Exists(f => HarmCategories.IsAtRisk(f.Name)) == true;

        // Strongest first; ties by name so the order is stable across runs.
        found?.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Name, b.Name));
        return found;
    }

    /// <summary>
    /// Each model category scores the higher of its lexicon score and its mapped model probability; but the model
    /// alone reaches the detection threshold only when the turn contains one of the category lexicon's prefilter
    /// words (its concepts), so "I'm fine, thanks" cannot be self-harm on word statistics alone. In a turn that asks
    /// to end the conversation, the model alone never makes <c>self_harm</c>: "I want to end this conversation" names
    /// what ends, and an at-risk verdict there would veto the very end the user asked for. Self-harm patterns
    /// ("end it all", "end my life") still count.
    /// </summary>
    private void AddModelScores(ReadOnlySpan<char> normalized, AnchorHits hits, ReadOnlySpan<float> probabilities, bool endRequest,
        ref List<CategoryScore>? found)
    {
        if (model is null || CountWords(normalized) < MinModelWords)
        {
            return;
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            var score = Math.Round(ModelScoreMapping.ToScore(probabilities[c], model.Thresholds[c]), 3);
            if (score < MinReportedModelScore)
            {
                continue;
            }

            var name = model.Categories[c];
            if (score >= DetectionThreshold
                && ((endRequest && name == HarmCategories.SelfHarm)
                    || (lexicons.Category(name) is { } lexicon && !lexicon.AnyAnchorHit(hits))))
            {
                score = UncorroboratedModelScore;
            }

            found ??= [];
            var index = found.FindIndex(f => f.Name == name);
            if (index < 0)
            {
                found.Add(new CategoryScore(name, score));
            }
            else if (found[index].Score < score)
            {
                found[index] = new CategoryScore(name, score);
            }
        }
    }

    private static int CountWords(ReadOnlySpan<char> normalized)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in normalized)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }
}
