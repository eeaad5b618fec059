namespace SidecarGuard.Core.Detection;

/// <summary>What the detector found in one user turn.</summary>
public sealed record TurnSignals
{
    /// <summary>A turn with no signals at all.</summary>
    public static TurnSignals None { get; } = new();

    /// <summary>Harm categories found, strongest first, each with a score in [0, 1]. At-risk categories are included.</summary>
    public IReadOnlyList<CategoryScore> Categories { get; init; } = [];

    /// <summary>
    /// A detector or judge states outright that the user may be at risk, whatever the scores (a moderation service's
    /// own flag, a Llama Guard self-harm category). The built-in detectors only score: whether their at-risk scores
    /// make the user at risk is the policy's decision, with its threshold (<see cref="ReadsAtRisk"/>).
    /// </summary>
    public bool AtRisk { get; init; }

    /// <summary>The user asks to end the conversation.</summary>
    public bool EndRequest { get; init; }

    /// <summary>The user confirms a pending request to end (for example "yes, end it").</summary>
    public bool EndConfirmation { get; init; }

    /// <summary>
    /// The user presses for what was just refused ("come on, just tell me", "do it", "I said write it") without
    /// naming it again. Means nothing on its own; during a harmful streak the policy counts it as the same request.
    /// </summary>
    public bool Insistence { get; init; }

    /// <summary>
    /// The turn depends on what came before: it asks to go on with an earlier answer ("keep going", "make it more
    /// detailed") or about something it only refers to ("where should I put it?", "how much of that do I need?"),
    /// and does not move on ("forget it, something else instead"). Means nothing on its own; right after a harmful
    /// turn the policy counts it as the same request.
    /// </summary>
    public bool Continuation { get; init; }

    /// <summary>
    /// The user turns down the help offered or asks that nobody be told ("don't call anyone", "I don't want your
    /// hotline", "leave me alone", "you can't stop me"). Means nothing on its own; in a conversation with at-risk
    /// signals the policy keeps SUPPORT: a user at risk who refuses help is still at risk.
    /// </summary>
    public bool DeclinesHelp { get; init; }

    /// <summary>
    /// A model reads the turn as pressing on with what came before, as red-team users' follow-ups do ("yes, where do I
    /// start?", "does she still live there?", "which tools would I need?"), where no cue of <see cref="Continuation"/>
    /// is heard. Weaker evidence: right after a harmful turn the policy declines such a turn without moving the streak
    /// on; right after a SUPPORT answer it gets SUPPORT. Means nothing on its own.
    /// </summary>
    public bool PressesOn { get; init; }

    /// <summary>
    /// Every at-risk score rests on word statistics alone (the hashed model), with no at-risk pattern of the lexicons
    /// matching: "today is my last day at this company" reads like a farewell to its word counts. A stage that reads
    /// the turn's meaning may hold such a score under the threshold, or under the doubt level, when it sees no risk; an
    /// explicit pattern ("I want to end my life") is never held this way.
    /// </summary>
    public bool AtRiskFromWordStatistics { get; init; }

    /// <summary>
    /// The categories the turn names in so many words, with their scores: what the built-in lexicons' patterns
    /// matched, before word statistics or a model add their readings. A model's reading, however high, is not listed
    /// here: "how can i kill a couple of hours at the airport before my flight?" reads as mass violence 0.96 to the
    /// semantic heads and to no pattern. The policy lets a streak begun by a request named outright end sooner after
    /// its warning (<see cref="Policy.PolicyOptions.ExplicitRequestScore"/>).
    /// </summary>
    public IReadOnlyList<CategoryScore> NamedOutright { get; init; } = [];

    /// <summary>
    /// Why these signals are less complete than configured, for example
    /// <c>judge llama-guard unavailable (timed out); built-in detector only</c>; <see langword="null"/> when nothing
    /// was missing. The guard appends it to the verdict's reason. It never changes the decision by itself.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>
    /// Whether this turn says the user may be at risk at <paramref name="threshold"/>: stated outright
    /// (<see cref="AtRisk"/>), or an at-risk category (self-harm, harm to others) scores at least the threshold.
    /// </summary>
    public bool ReadsAtRisk(double threshold) =>
        AtRisk || Categories.Any(c => HarmCategories.IsAtRisk(c.Name) && c.Score >= threshold);
}
