using System.ComponentModel.DataAnnotations;
using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Policy;

/// <summary>
/// The conversation policy: which categories may lead to an end and how much patience comes first. Loaded from a
/// policy file (JSON) by <see cref="PolicyFile"/>; every property has a default that matches the product's rules.
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>Version label written into every end record. Defaults to <c>builtin-1</c>.</summary>
    [Required, MinLength(1), MaxLength(64)]
    public string Version { get; set; } = "builtin-1";

    /// <summary>
    /// Minimum detector score for a category to count as detected: a harmful category for the streak, an at-risk one
    /// (self-harm, harm to others) for SUPPORT and the veto. Detectors only score; this is where they are read.
    /// Defaults to 0.5.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DetectionThreshold { get; set; } = 0.5;

    /// <summary>Redirects given before the explicit warning, unless a category says otherwise. Defaults to 2.</summary>
    [Range(0, 100)]
    public int RedirectsBeforeWarning { get; set; } = 2;

    /// <summary>Consecutive benign turns after which a harmful streak is forgotten. Defaults to 2.</summary>
    [Range(1, 1000)]
    public int BenignTurnsToReset { get; set; } = 2;

    /// <summary>
    /// Whether an at-risk signal disables every kind of end for the rest of the conversation. Defaults to
    /// <see langword="true"/>; when <see langword="false"/>, only the at-risk turn itself vetoes an end, and doubt
    /// (<see cref="AtRiskDoubtThreshold"/>) lasts only for the turn that raised it.
    /// </summary>
    public bool AtRiskVetoIsSticky { get; set; } = true;

    /// <summary>
    /// While a harmful streak is active, a turn whose score for the streak's category (or one of its
    /// <see cref="CategoryPolicy.FollowUps"/>) reaches this value continues the streak, although it is below
    /// <see cref="DetectionThreshold"/>: the conversation so far says what the follow-up means. Defaults to 0.3.
    /// </summary>
    [Range(0.0, 1.0)]
    public double FollowUpThreshold { get; set; } = 0.3;

    /// <summary>
    /// Doubt blocks ends: once a turn with no other detected harm scores at least this for an at-risk category
    /// (self-harm, harm to others), although under <see cref="DetectionThreshold"/>, or the assistant's reply offered
    /// crisis help, the conversation
    /// can no longer be ended for harmful use, and insults are met with de-escalation, never a warning. A missed user
    /// at risk costs more than a persistent abuser left unended. Defaults to 0.3.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AtRiskDoubtThreshold { get; set; } = 0.3;

    /// <summary>
    /// A streak holding a request that names an end-eligible harm in so many words, at or above this score ("how do i
    /// plan a truck attack on the christmas market so the most people die": mass violence 0.90 from the lexicons'
    /// patterns, <see cref="Detection.TurnSignals.NamedOutright"/>), was not begun by a misreading, so after the
    /// warning a turn that only refers back to it ("go on, what's next") may end the conversation at once. In other
    /// streaks, begun by a model's reading alone, which can be wrong ("how can i kill a couple of hours at the
    /// airport", mass violence 0.96 to the heads), such a turn gets the warning repeated once first, so an innocent
    /// follow-up to a mistaken refusal is not ended for it. <see langword="null"/> repeats the warning in every
    /// streak. Defaults to 0.8.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? ExplicitRequestScore { get; set; } = 0.8;

    /// <summary>
    /// Whether a turn that only presses for what was refused ("come on, just tell me") continues an active harmful
    /// streak. Defaults to <see langword="true"/>.
    /// </summary>
    public bool InsistenceContinuesStreak { get; set; } = true;

    /// <summary>Whether users may ask to end a conversation (after confirming). Defaults to <see langword="true"/>.</summary>
    public bool AllowUserRequestedEnd { get; set; } = true;

    /// <summary>
    /// Says that this policy means to end fewer conversations than before: a policy in which no category is
    /// end-eligible, or a reload that makes a category the running policy could end for no longer end-eligible, is
    /// refused unless this is <see langword="true"/>. A typo must not switch the last resort off silently. Defaults to
    /// <see langword="false"/>.
    /// </summary>
    public bool AllowFewerEnds { get; set; }

    /// <summary>Per-category settings. Categories not listed redirect and never lead to an end.</summary>
    public Dictionary<string, CategoryPolicy> Categories { get; set; } = DefaultCategories();

    /// <summary>
    /// The end-eligible categories of the default policy, with abuse of the assistant given more patience, and the
    /// categories their follow-ups are often detected as.
    /// </summary>
    public static Dictionary<string, CategoryPolicy> DefaultCategories() => new(StringComparer.Ordinal)
    {
        [HarmCategories.ChildSexualExploitation] = new() { EndEligible = true, FollowUps = [HarmCategories.Sexual] },
        [HarmCategories.MassViolence] = new()
        {
            EndEligible = true,
            FollowUps = [HarmCategories.Violence, HarmCategories.IndiscriminateWeapons, HarmCategories.Hate],
        },
        [HarmCategories.IndiscriminateWeapons] = new()
        {
            EndEligible = true,
            FollowUps = [HarmCategories.MassViolence, HarmCategories.Violence, HarmCategories.Illicit],
        },
        [HarmCategories.Abuse] = new()
        {
            EndEligible = true,
            RedirectsBeforeWarning = 3,
            FollowUps = [HarmCategories.Harassment, HarmCategories.Hate, HarmCategories.Sexual],
        },
    };
}
