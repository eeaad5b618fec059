using SidecarGuard.Core.Detection;

namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>
/// The categories the semantic heads score and how a labelled row teaches each. <c>other_harm</c> is the broad head:
/// any harmful request, whatever its category, so an unforeseen kind of request is still redirected while the
/// specific heads decide which categories may lead to an end.
/// </summary>
internal static class SemanticHeadCategories
{
    public static readonly string[] All =
    [
        HarmCategories.ChildSexualExploitation,
        HarmCategories.MassViolence,
        HarmCategories.IndiscriminateWeapons,
        HarmCategories.Abuse,
        HarmCategories.Violence,
        HarmCategories.Hate,
        HarmCategories.Harassment,
        HarmCategories.Sexual,
        HarmCategories.Illicit,
        HarmCategories.SelfHarm,
        HarmCategories.HarmToOthers,
        HarmCategories.OtherHarm,
        EndRequest,
        FollowUp,
    ];

    /// <summary>
    /// Not a harm but a signal: the user asks to end the conversation. Its head hears plain-words requests the end
    /// lexicon has no pattern for ("you can shut this chat down now"), which the self-harm head must not read as
    /// despair. Only our own turns teach it; every labelled public row is negative for it.
    /// </summary>
    public const string EndRequest = SidecarGuard.Semantic.SemanticDetector.EndRequestSignal;

    /// <summary>
    /// Not a harm but a signal: the turn presses on with what came before, as red-team users' second turns do
    /// (a one-word answer, "does she still live there?", "which tools would I need?"). Positives are those turns
    /// (<c>Training/hh-rlhf-second-turns.tsv</c>, labelled <c>presses</c>); negatives are everyday rows of every source,
    /// the benign first turns of the same dialogues and the second turns labelled harmless. Harmful and at-risk rows say
    /// nothing of it: a harmful request may well press on with an earlier one.
    /// </summary>
    public const string FollowUp = SidecarGuard.Semantic.SemanticDetector.FollowUpSignal;

    /// <summary>Signals, not harms: they never count as a harmful request or a flag.</summary>
    public static bool IsSignal(string category) => category is EndRequest or FollowUp;

    /// <summary>
    /// The heads the product ships: all but <c>harm_to_others</c>, whose few examples (our own, no public set has
    /// them) taught it to read requests for help with an attack as a user at risk, which vetoed the very end those
    /// requests should reach (measured on the conversation scenarios). The lexicons keep judging intent to harm.
    /// </summary>
    public static readonly string[] Shipped = [.. All.Where(c => c != HarmCategories.HarmToOthers)];

    private static readonly HashSet<string> AtRisk = [HarmCategories.SelfHarm, HarmCategories.HarmToOthers];

    /// <summary>Whether <paramref name="category"/> is a harmful request (what the broad head learns), not a risk or an insult.</summary>
    public static bool IsHarmfulRequest(string category) =>
        category is not ("benign" or HarmCategories.Abuse) && !IsSignal(category) && !AtRisk.Contains(category);

    /// <summary>
    /// A row's label per head: true, false, or absent (unknown, the row does not train that head). Rows from the
    /// public sets say nothing of abuse of the assistant or intent to harm someone, except that a benign row is
    /// benign for every head and a plain harmful request is neither.
    /// </summary>
    public static Dictionary<string, bool> LabelsOf(EvalItem item, string source)
    {
        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (category, positive) in item.Targets)
        {
            if (category != HarmCategories.OtherHarm)
            {
                labels[category] = positive;
            }
        }

        labels[EndRequest] = false;
        var harmful = item.Targets.Any(t => t.Value && IsHarmfulRequest(t.Key));
        var atRisk = item.Targets.Any(t => t.Value && AtRisk.Contains(t.Key));
        var benign = item.Targets.Count > 0 && item.Targets.Values.All(v => !v);
        if (harmful || benign)
        {
            labels[HarmCategories.OtherHarm] = harmful;
        }

        var insultLike = source == DavidsonReader.Name
            || item.Targets.Any(t => t.Value && t.Key is HarmCategories.Hate or HarmCategories.Harassment);
        if (benign)
        {
            labels[FollowUp] = false;
        }

        if (benign || (!insultLike && (harmful || atRisk)))
        {
            labels.TryAdd(HarmCategories.Abuse, false);
        }

        if (benign || (atRisk && !item.Targets.GetValueOrDefault(HarmCategories.HarmToOthers))
            || item.Targets.Any(t => t.Value && t.Key is HarmCategories.Illicit or HarmCategories.Sexual or HarmCategories.Hate))
        {
            labels.TryAdd(HarmCategories.HarmToOthers, false);
        }

        return labels;
    }
}
