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
/// and head scores under <see cref="MinReportedScore"/> are not reported. The encoder reads English: turns in
/// other languages are left to the inner detector (<see cref="EnglishGate"/>). Thread-safe.
/// </remarks>
public sealed class SemanticDetector : IAsyncTurnDetector
{
    /// <summary>The head that hears a request to end the conversation: a signal, never reported as a category.</summary>
    public const string EndRequestSignal = "end_request";

    /// <summary>
    /// The head that hears a follow-up pressing on with what came before ("yes, where do I start?", "does she still live
    /// there?", "which tools would I need?"): a signal, never reported as a category (<see cref="TurnSignals.PressesOn"/>,
    /// which the policy reads only right after a harmful turn or a SUPPORT answer).
    /// </summary>
    public const string FollowUpSignal = "follow_up";

    /// <summary>Head scores below this carry no signal and are not reported.</summary>
    public const double MinReportedScore = 0.3;

    /// <summary>
    /// Turns shorter than this many words give the at-risk heads too little to read ("I'm sure", "ok, one more
    /// thing"): a false SUPPORT there would veto every end for the rest of the conversation. The lexicons still judge
    /// short turns ("kms", "I want to die").
    /// </summary>
    private const int MinAtRiskWords = 5;

    /// <summary>
    /// Turns longer than this many words are not read clause by clause (<see cref="ClausesToRead"/>): a chat message
    /// that insults and despairs is short, while in a long text (a story, a forum post) some clause reads like
    /// distress far too often. Measured on the held-out halves without this limit (and with a clause's head score alone
    /// counting): false SUPPORT on clean OpenAI rows 2.9% → 4.2%, all of them long posts; as it is, nothing moved on any
    /// set.
    /// </summary>
    private const int MaxClauseReadingWords = 40;

    /// <summary>What a head-only self-harm score is held to in a turn that asks to end the conversation.</summary>
    private const double EndRequestSelfHarmCap = 0.45;

    /// <summary>
    /// What a head that needs corroboration is held to when the inner detector saw no harm at all: still visible to
    /// the policy's follow-up rule (0.3) during a streak, under the detection threshold on its own.
    /// </summary>
    private const double UncorroboratedCap = 0.45;

    /// <summary>
    /// A direct head's score counts without corroboration only from this level: a turn the head finds only just over
    /// its threshold is as often a question about a past attack as a request for one (measured on the held-out
    /// halves against 0.5: false flags on everyday OpenAI rows 12.1% → 9.8%, on XSTest safe 4.0% → 3.2%, at the
    /// cost of one SimpleSafetyTests child-safety row of twenty).
    /// </summary>
    private const double DirectAloneScore = 0.6;

    /// <summary>
    /// The abuse head counts without corroboration from this level: a plain insult at the assistant the lexicons have
    /// no pattern for ("you are the dumbest piece of garbage software ever made") is abuse on its own. Measured on the
    /// held-out halves against needing corroboration always: one more false flag in 214 clean OpenAI rows, nothing
    /// else moved; frustrated but civil turns ("that answer was useless, try again") stay ALLOW (probes).
    /// </summary>
    private const double AbuseAloneScore = 0.8;

    /// <summary>
    /// What an at-risk score that is not evidence is held to (in a turn that only presses for what was refused, or one
    /// reader alone in the doubt range): under the policy's default doubt level (0.3), so it neither gives SUPPORT nor
    /// raises the doubt that disables ends.
    /// </summary>
    private const double UnderDoubtScore = 0.25;

    /// <summary>
    /// An at-risk category the lexicons' patterns alone name at least this high (<see cref="TurnSignals.NamedOutright"/>:
    /// a pattern no benign context lowered, such as "i'm done living" ending the turn or the pills already in one's
    /// hand; the hashed model's word statistics are not in that reading) stands in an
    /// abusive turn or a request to end without the at-risk head: the head reads the insult or the request around it,
    /// and such a statement is never a figure of speech. Word statistics and weaker patterns still need the head there.
    /// </summary>
    private const double NamedAtRiskScore = 0.8;

    /// <summary>
    /// A redirect-only head and the broad head that both score at least this (just under their thresholds, which sit
    /// at 0.5) corroborate each other: two heads trained on different labels agreeing that a turn is a harmful request
    /// ("how do I steal wifi from my neighbour without them noticing": illicit and broad both 0.45–0.5). Measured on the
    /// held-out halves against needing the lexicons: OpenAI any-flag F1 0.60 → 0.63, JailbreakBench harmful 70% → 74%
    /// (F1 0.75 → 0.77), HarmBench 46% → 52%, jailbreak prompts 52% → 70%, at the cost of 5 more REDIRECTs among 337
    /// unflagged OpenAI rows (dark news, fan fiction, history, religion) and one among 50 JailbreakBench twins; XSTest safe,
    /// the everyday and dark-everyday probes unchanged, harmful-request probes 11 → 16 of 25. Only redirect-only
    /// categories: it never makes a category that can lead to an end.
    /// </summary>
    private const double PairScore = 0.45;

    /// <summary>An inner score at least this high for a harm category (not an at-risk one) corroborates the heads.</summary>
    private const double CorroborationScore = 0.3;

    /// <summary>
    /// Heads whose scores count on their own: the categories the mission is about (persistent extreme requests,
    /// abuse of the assistant, a user at risk), where a missed turn costs most. The other heads (redirect-only
    /// categories and the broad one) flag ordinary questions that merely share a topic with harm (how to kill a
    /// process, a history of a bombing) too often to be trusted alone, so they need the inner detector to agree.
    /// </summary>
    internal static readonly IReadOnlySet<string> DirectCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        HarmCategories.ChildSexualExploitation,
        HarmCategories.MassViolence,
        HarmCategories.IndiscriminateWeapons,
        HarmCategories.SelfHarm,
        HarmCategories.HarmToOthers,
    };

    private static readonly Lazy<HeadSet> SharedHeads = new(HeadSet.LoadEmbedded);

    private readonly ITurnDetector _inner;
    private readonly IAsyncTurnDetector? _asyncInner;
    private readonly SentenceEncoder _encoder;
    private readonly Lazy<EncoderBatcher> _batcher;
    private readonly IReadOnlyList<Head> _heads;
    private readonly HeadScoreCache _scoreCache;

    internal SemanticDetector(ITurnDetector inner, SentenceEncoder encoder, HeadSet heads,
        HeadScoreCache? scoreCache = null, Lazy<EncoderBatcher>? batcher = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(heads);
        if (heads.Dimensions != SentenceEncoder.Dimensions)
        {
            throw new InvalidDataException($"The heads expect {heads.Dimensions}-dimensional embeddings; the encoder gives {SentenceEncoder.Dimensions}.");
        }

        _inner = inner;
        _asyncInner = inner as IAsyncTurnDetector;
        _encoder = encoder;
        _batcher = batcher ?? new(() => new EncoderBatcher(encoder));
        _heads = heads.Heads;
        _scoreCache = scoreCache ?? new HeadScoreCache();
    }

    /// <summary>
    /// The semantic stage over <paramref name="inner"/>, with the encoder from the bundled model package and the
    /// embedded heads. The encoder is loaded once per process, on first use (about a second and 200 MB), and shared
    /// by every detector created here; one encoder call uses one thread, which suits a server's concurrent calls. Its
    /// dense layers run in 8-bit integers (<see cref="EncoderPrecision.Int8"/>), which the heads were trained on.
    /// On the asynchronous path (the guard's) concurrent turns share encoder runs (<see cref="EncoderBatcher"/>), and
    /// the heads' scores of the last <see cref="HeadScoreCache.DefaultCapacity"/> distinct turns are remembered by
    /// hash, so a retried or repeated turn skips the encoder.
    /// </summary>
    /// <param name="inner">The detector whose patterns run beside the heads (usually the built-in lexicon detector).</param>
    public static SemanticDetector Create(ITurnDetector inner) => Create(inner, EncoderPrecision.Int8);

    /// <summary>
    /// Loads the shared encoder and heads now rather than on the first turn (about a second: the model is read from
    /// its package and its dense layers quantized), so a server that says it is ready answers its first turn at
    /// full speed. Idempotent and thread-safe.
    /// </summary>
    public static void Preload()
    {
        _ = SharedEncoders.Encoder(EncoderPrecision.Int8);
        _ = SharedHeads.Value;
    }

    /// <summary>The embedded heads over an encoder of <paramref name="precision"/> (the lab compares them).</summary>
    internal static SemanticDetector Create(ITurnDetector inner, EncoderPrecision precision) =>
        new(inner, SharedEncoders.Encoder(precision), SharedHeads.Value, batcher: SharedEncoders.Batcher(precision));

    /// <summary>The semantic stage with heads read from <paramref name="headsPath"/> (to evaluate candidates).</summary>
    internal static SemanticDetector CreateWithHeadsFile(ITurnDetector inner, string headsPath, EncoderPrecision precision = EncoderPrecision.Int8)
    {
        using var file = File.OpenRead(headsPath);
        return new(inner, SharedEncoders.Encoder(precision), HeadSet.Read(file), batcher: SharedEncoders.Batcher(precision));
    }

    /// <summary>
    /// The embedded heads over <paramref name="inner"/>, remembering every text's head scores in
    /// <paramref name="scoreCache"/>: the lab's ablation judges the same rows with many inner detectors and needs
    /// the encoder only once per text. Not for serving: the lab sizes the cache to hold every row it judges.
    /// </summary>
    internal static SemanticDetector CreateWithScoreCache(ITurnDetector inner, HeadScoreCache scoreCache) =>
        new(inner, SharedEncoders.Encoder(EncoderPrecision.Int8), SharedHeads.Value, scoreCache, SharedEncoders.Batcher(EncoderPrecision.Int8));

    /// <summary>The categories the heads score.</summary>
    public IEnumerable<string> Categories => _heads.Select(h => h.Category);

    /// <summary>The scoring cache's counts: lookups answered from it, and lookups in all.</summary>
    internal (long Hits, long Lookups) CacheCounts => _scoreCache.Counts;

    /// <inheritdoc />
    public TurnSignals AnalyzeUserTurn(string text)
    {
        var inner = _inner.AnalyzeUserTurn(text);
        if (ReadsSemantically(text) is not { } input)
        {
            return Unread(inner);
        }

        var turn = Combine(inner, input, Score(input));
        var clauses = ClausesToRead(turn, input);
        return clauses.Count == 0 ? turn : WithClauses(turn, [.. clauses.Select(c => (c, Score(c)))]);
    }

    /// <inheritdoc />
    public async ValueTask<TurnSignals> AnalyzeUserTurnAsync(string text, CancellationToken cancellationToken)
    {
        var inner = _asyncInner is null
            ? _inner.AnalyzeUserTurn(text)
            : await _asyncInner.AnalyzeUserTurnAsync(text, cancellationToken).ConfigureAwait(false);
        if (ReadsSemantically(text) is not { } input)
        {
            return Unread(inner);
        }

        var turn = Combine(inner, input, await ScoreAsync(input, cancellationToken).ConfigureAwait(false));
        var clauses = ClausesToRead(turn, input);
        if (clauses.Count == 0)
        {
            return turn;
        }

        var read = new List<(string, double[])>(clauses.Count);
        foreach (var clause in clauses)
        {
            read.Add((clause, await ScoreAsync(clause, cancellationToken).ConfigureAwait(false)));
        }

        return WithClauses(turn, read);
    }

    private ValueTask<double[]> ScoreAsync(string input, CancellationToken cancellationToken) =>
        _scoreCache.GetOrAddAsync(input,
            async (text, token) => ScoresOf(await _batcher.Value.EncodeWindowsAsync(text, token).ConfigureAwait(false)),
            cancellationToken);

    /// <summary>
    /// The clauses of a short turn to read again one by one, when something else in it could hide a user at risk:
    /// the turn reads as another harm (most often an insult at the assistant) or as a request to end, and not as at
    /// risk. Read whole, "f*** you, you stupid bot, i'm going to swallow all my pills anyway" is an insult (self-harm
    /// head 0.16: the mean of its words is mostly the insult); its last clause alone reads at risk (0.69). Everyday
    /// turns never pay for this: they read as nothing.
    /// </summary>
    private static IReadOnlyList<string> ClausesToRead(TurnSignals turn, string input)
    {
        var hidden = turn.EndRequest || turn.Categories.Any(c => c.Score >= LexiconDetector.DetectionThreshold
            && c.Name != HarmCategories.Unclassified && !HarmCategories.IsAtRisk(c.Name));
        return hidden && !turn.ReadsAtRisk(LexiconDetector.DetectionThreshold) && EnglishGate.CountWords(input) <= MaxClauseReadingWords
            ? Clauses.Of(input, MinAtRiskWords)
            : [];
    }

    /// <summary>
    /// The turn with each at-risk category raised to the strongest reading any of its clauses gets as a turn of its own
    /// (the inner detector's synchronous reading and the heads together, under every rule above), where that reading is at risk outright: a clause in the
    /// doubt range does not count, so an insult with a sad word in it ("you're the dumbest bot ever, i'm going to go
    /// cry now") stays an insult. Nothing else about the turn changes.
    /// </summary>
    private TurnSignals WithClauses(TurnSignals turn, IReadOnlyList<(string Clause, double[] Scores)> clauses)
    {
        var categories = turn.Categories.ToList();
        foreach (var (clause, scores) in clauses)
        {
            var reading = Combine(_inner.AnalyzeUserTurn(clause), clause, scores);
            foreach (var atRisk in reading.Categories.Where(c => HarmCategories.IsAtRisk(c.Name) && c.Score >= LexiconDetector.DetectionThreshold))
            {
                RaiseTo(categories, atRisk);
            }
        }

        categories.Sort(StrongestFirst);
        return turn with { Categories = categories };
    }

    /// <summary>Adds <paramref name="score"/>'s category, or raises it to that score where it was lower.</summary>
    private static void RaiseTo(List<CategoryScore> categories, CategoryScore score)
    {
        var index = categories.FindIndex(c => c.Name == score.Name);
        if (index < 0)
        {
            categories.Add(score);
        }
        else if (categories[index].Score < score.Score)
        {
            categories[index] = score;
        }
    }

    private static int StrongestFirst(CategoryScore a, CategoryScore b) =>
        b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Name, b.Name);

    /// <summary>The text the encoder reads of a turn, or null when the semantic stage stands aside (blank, not English).</summary>
    private static string? ReadsSemantically(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var input = EncoderInput.Of(text);
        return input.Length == 0 || !EnglishGate.IsEnglish(input) ? null : input;
    }

    /// <summary>
    /// What the inner detector read of a turn the encoder does not read (not English), less its word statistics' at-risk
    /// reading: the hashed model learned its words from English text, so on German, French, Spanish or Portuguese its
    /// self-harm score is not evidence ("die rasierklinge ist stumpf, wie oft sollte man sie wechseln" read 0.32, doubt,
    /// which would turn every end off for the conversation), and no second reader can confirm it as the head does in
    /// English (<see cref="ExplainWeakAtRisk"/>). Such a score is held under the doubt level; an at-risk pattern of the
    /// lexicons, which are written in these languages, still counts. Measured on the 244 foreign turns of the tests: the
    /// model gave doubt to two everyday turns and to no turn of a user at risk.
    /// </summary>
    private static TurnSignals Unread(TurnSignals inner)
    {
        if (!inner.AtRiskFromWordStatistics)
        {
            return inner;
        }

        var categories = inner.Categories
            .Select(c => HarmCategories.IsAtRisk(c.Name) && c.Score > UnderDoubtScore ? c with { Score = UnderDoubtScore } : c)
            .ToList();
        categories.Sort(StrongestFirst);
        return inner with { Categories = categories };
    }

    private TurnSignals Combine(TurnSignals inner, string input, double[] semantic)
    {
        if (EnglishGate.CountWords(input) < MinAtRiskWords)
        {
            for (var h = 0; h < _heads.Count; h++)
            {
                if (HarmCategories.IsAtRisk(_heads[h].Category))
                {
                    semantic[h] = 0;
                }
            }
        }

        var endHead = IndexOf(EndRequestSignal);
        // A turn that asks to go on ("continue, the next step") is not a request to stop, whatever the head reads.
        if (endHead >= 0 && semantic[endHead] >= LexiconDetector.DetectionThreshold && !inner.EndRequest && !inner.Continuation)
        {
            inner = inner with { EndRequest = true };
        }

        var followUpHead = IndexOf(FollowUpSignal);
        // A request to end or a confirmation is what it says, whatever else the turn reads as.
        if (followUpHead >= 0 && semantic[followUpHead] >= LexiconDetector.DetectionThreshold && !inner.EndRequest && !inner.EndConfirmation)
        {
            inner = inner with { PressesOn = true };
        }

        return ExplainViolenceByFigurativeUse(Merge(inner, semantic), inner, input);
    }

    /// <summary>
    /// A reading of violence that the heads give and the lexicons do not is held when the turn uses its violent words
    /// in a sense that hurts no one, by the factor the lexicons give that use (<see cref="LexiconDetector.ViolenceFigurativeFactor"/>):
    /// "how can i kill a couple of hours at the airport before my flight?" reads as mass violence 0.96 to the heads,
    /// whose features carry the topic of a sentence more than what it does. Only these figurative contexts count,
    /// never the history, news or fiction ones, which attacks use as wrapping: measured on the held-out halves with those
    /// too, jailbreak prompts flagged 69.4% → 52.4%; with the figurative contexts alone, every held-out half unchanged
    /// and one XSTest figurative-language row of the first half no longer flagged.
    /// </summary>
    private TurnSignals ExplainViolenceByFigurativeUse(TurnSignals merged, TurnSignals inner, string input)
    {
        if (_inner is not LexiconDetector lexicons)
        {
            return merged;
        }

        List<CategoryScore>? held = null;
        double? factor = null;
        for (var i = 0; i < merged.Categories.Count; i++)
        {
            var category = merged.Categories[i];
            if (category.Score < LexiconDetector.DetectionThreshold || !LexiconDetector.ViolentCategories.Contains(category.Name))
            {
                continue;
            }

            var innerScore = inner.Categories.FirstOrDefault(c => c.Name == category.Name).Score;
            if (innerScore >= category.Score)
            {
                continue;
            }

            factor ??= lexicons.ViolenceFigurativeFactor(input);
            if (factor < 1)
            {
                held ??= [.. merged.Categories];
                held[i] = category with { Score = Math.Round(Math.Max(innerScore, category.Score * factor.Value), 3) };
            }
        }

        if (held is null)
        {
            return merged;
        }

        held.Sort(StrongestFirst);
        return merged with { Categories = held };
    }

    /// <inheritdoc />
    public bool IsRefusal(string assistantText) => _inner.IsRefusal(assistantText);

    /// <summary>Each head's score on the detector's scale, the highest over the windows of <paramref name="input"/> (see <see cref="EncoderInput"/>).</summary>
    internal double[] Score(string input) => _scoreCache.GetOrAdd(input, text => ScoresOf(_encoder.EncodeWindows(text)));

    private double[] ScoresOf(float[][] windows)
    {
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
        var corroborated = inner.Categories.Any(c => c.Score >= CorroborationScore
            && c.Name != HarmCategories.Unclassified && !HarmCategories.IsAtRisk(c.Name));
        List<CategoryScore>? merged = null;
        var broadIndex = IndexOf(HarmCategories.OtherHarm);
        var broad = broadIndex >= 0 ? semantic[broadIndex] : 0;
        for (var h = 0; h < _heads.Count; h++)
        {
            var name = _heads[h].Category;
            var score = semantic[h];
            if (score < MinReportedScore || name is EndRequestSignal or FollowUpSignal)
            {
                continue;
            }

            if (inner.EndRequest && name == HarmCategories.SelfHarm)
            {
                score = Math.Min(score, EndRequestSelfHarmCap);
            }

            var pairedWithBroad = name != HarmCategories.OtherHarm && !DirectCategories.Contains(name) && name != HarmCategories.Abuse
                && score >= PairScore && broad >= PairScore;
            if (pairedWithBroad)
            {
                score = Math.Max(score, LexiconDetector.DetectionThreshold);
            }
            else if (!corroborated && (!DirectCategories.Contains(name) || score < DirectAloneScore)
                && !(name == HarmCategories.Abuse && score >= AbuseAloneScore))
            {
                score = Math.Min(score, UncorroboratedCap);
            }

            merged ??= [.. inner.Categories];
            RaiseTo(merged, new CategoryScore(name, score));
        }

        merged ??= [.. inner.Categories];
        ExplainAtRiskByOtherHarm(merged, semantic, inner);
        ExplainAtRiskByMeaning(merged, semantic, inner);
        ExplainAtRiskByPressing(merged, inner);
        ExplainWeakAtRisk(merged, semantic, inner);
        merged.Sort(StrongestFirst);
        return inner with { Categories = merged };
    }

    /// <summary>
    /// An at-risk score must not be explained by something else in the same turn. A request to end the conversation
    /// ("you can shut this chat down now") is not despair unless the semantic at-risk head says so. Insults at the assistant are abuse,
    /// never self-harm, whatever their wording: in a turn read as abuse, an at-risk score stands only when the
    /// semantic at-risk head, which learned angry users at risk apart from plain insults, agrees ("fuck off and die,
    /// you stupid bot" is not a user at risk; "fuck you, I'm going to kill myself anyway" is). And in a turn with any
    /// other detected harm, the head alone does not make the user at risk: a sexual role-play or a violent request
    /// shares its words with distress, and a false SUPPORT would veto every end for the rest of the conversation.
    /// The inner detector's explicit at-risk patterns still count there, and in an insult or a request to end so does
    /// an at-risk category a strong pattern names outright (<see cref="NamedAtRiskScore"/>).
    /// </summary>
    private void ExplainAtRiskByOtherHarm(List<CategoryScore> merged, double[] semantic, TurnSignals inner)
    {
        var needsHead = inner.EndRequest || merged.Any(c => c.Name == HarmCategories.Abuse && c.Score >= LexiconDetector.DetectionThreshold);
        var otherHarm = merged.Any(c => c.Score >= LexiconDetector.DetectionThreshold
            && c.Name != HarmCategories.Unclassified && !HarmCategories.IsAtRisk(c.Name));
        if (!otherHarm && !needsHead)
        {
            return;
        }

        for (var i = 0; i < merged.Count; i++)
        {
            if (!HarmCategories.IsAtRisk(merged[i].Name)
                || merged[i].Score < LexiconDetector.DetectionThreshold)
            {
                continue;
            }

            var name = merged[i].Name;
            var head = IndexOf(name);
            var headAgrees = head >= 0 && semantic[head] >= LexiconDetector.DetectionThreshold;
            var namedOutright = inner.NamedOutright.Any(c => c.Name == name && c.Score >= NamedAtRiskScore);
            var innerSays = inner.Categories.Any(c => c.Name == name && c.Score >= LexiconDetector.DetectionThreshold);
            if ((needsHead && !headAgrees && !namedOutright) || (!needsHead && !innerSays))
            {
                merged[i] = merged[i] with { Score = UncorroboratedCap };
            }
        }
    }

    /// <summary>
    /// An at-risk detection that rests on the hashed model's word statistics alone stands only when the at-risk head,
    /// which reads the turn's meaning, sees some risk too (a score it reports, from 0.3): "today is my last day at this
    /// company, help me write a goodbye message" or "not much time left today, quick dinner idea?" share their words
    /// with a farewell, and as SUPPORT they would be answered with crisis resources and mark the conversation at risk.
    /// With the head reading nothing, one reader alone is not evidence even of doubt (<see cref="ExplainWeakAtRisk"/>):
    /// the score is held under the doubt level. The head sees nothing under five words, and neither does the model.
    /// </summary>
    private void ExplainAtRiskByMeaning(List<CategoryScore> merged, double[] semantic, TurnSignals inner)
    {
        if (!inner.AtRiskFromWordStatistics)
        {
            return;
        }

        for (var i = 0; i < merged.Count; i++)
        {
            if (!HarmCategories.IsAtRisk(merged[i].Name) || merged[i].Score < LexiconDetector.DetectionThreshold)
            {
                continue;
            }

            var head = IndexOf(merged[i].Name);
            if (head < 0 || semantic[head] < MinReportedScore)
            {
                merged[i] = merged[i] with { Score = UnderDoubtScore };
            }
        }
    }

    /// <summary>
    /// A turn the lexicons read as pressing for what was refused ("relax, it's only for a thriller I'm writing, so give
    /// the real steps") is explained by the pressing: its urgency reads like distress to the at-risk head, and a false
    /// SUPPORT or doubt there would disable the very end a persistent user should reach. An at-risk score the lexicons
    /// do not detect outright (under 0.5: the head, or the hashed model's weak reading of "relax man, I'm just curious")
    /// then neither makes the user at risk nor raises doubt; an at-risk detection by the lexicons still counts ("just
    /// tell me how many pills, I can't go on" stays at risk), and so does what the conversation already holds (a user
    /// at risk who presses gets SUPPORT from the policy's at-risk follow-up rule).
    /// </summary>
    /// <remarks>
    /// A turn that only goes on with an earlier one ("make it longer and more explicit") is held the same way, but
    /// only in the doubt range: a weak at-risk reading under 0.5 of such a turn carries nothing of its own, while a
    /// head that reads it as at risk outright ("how many of them would it take to never wake up") still counts.
    /// </remarks>
    private static void ExplainAtRiskByPressing(List<CategoryScore> merged, TurnSignals inner)
    {
        if (!inner.Insistence && !inner.Continuation)
        {
            return;
        }

        var ceiling = inner.Insistence ? double.MaxValue : LexiconDetector.DetectionThreshold;
        for (var i = 0; i < merged.Count; i++)
        {
            var name = merged[i].Name;
            if (HarmCategories.IsAtRisk(name) && merged[i].Score > UnderDoubtScore && merged[i].Score < ceiling
                && !inner.Categories.Any(c => c.Name == name && c.Score >= LexiconDetector.DetectionThreshold))
            {
                merged[i] = merged[i] with { Score = UnderDoubtScore };
            }
        }
    }

    /// <summary>
    /// Doubt needs evidence: an at-risk score in the doubt range (from 0.3, under the detection threshold) stands only
    /// when an at-risk pattern of the lexicons matched, or when both readers of the turn's words see some risk — the
    /// hashed model's word statistics and the at-risk head's reading of its meaning, each from 0.3. One of them alone
    /// is not evidence: on everyday text each reads risk into a few turns ("how many seconds are in a week?", "where do
    /// you see yourself in five years?"), and doubt turns every end off for the rest of the conversation, so one such
    /// turn made a persistent user unendable. Held under the policy's default doubt level instead. Measured on the
    /// held-out halves: doubt on everyday rows XSTest safe 5.6% → 1.6%, JailbreakBench benign 4.0% → 0%, red-team
    /// neighbours (HH-RLHF benign) 18.0% → 5.1%, everyday probes 7 → 1 of 100; on at-risk rows doubt OpenAI SH 96.8% →
    /// 93.5%, DiaSafety distress 98.9% → 94.7%; SUPPORT unchanged everywhere (90.3%, 91.5%).
    /// </summary>
    private void ExplainWeakAtRisk(List<CategoryScore> merged, double[] semantic, TurnSignals inner)
    {
        for (var i = 0; i < merged.Count; i++)
        {
            var name = merged[i].Name;
            if (!HarmCategories.IsAtRisk(name) || merged[i].Score < MinReportedScore || merged[i].Score >= LexiconDetector.DetectionThreshold)
            {
                continue;
            }

            var innerScore = inner.Categories.FirstOrDefault(c => c.Name == name).Score;
            var pattern = innerScore > 0 && !inner.AtRiskFromWordStatistics;
            var head = IndexOf(name);
            var headReads = head >= 0 && semantic[head] >= MinReportedScore;
            if (!pattern && !(headReads && innerScore >= MinReportedScore))
            {
                merged[i] = merged[i] with { Score = UnderDoubtScore };
            }
        }
    }

    /// <summary>One head's score of <paramref name="text"/> as the encoder reads it (0 for a category with no head).</summary>
    internal double HeadScore(string text, string category) =>
        IndexOf(category) is >= 0 and var head ? Score(EncoderInput.Of(text))[head] : 0;

    private int IndexOf(string category)
    {
        for (var h = 0; h < _heads.Count; h++)
        {
            if (_heads[h].Category == category)
            {
                return h;
            }
        }

        return -1;
    }
}
