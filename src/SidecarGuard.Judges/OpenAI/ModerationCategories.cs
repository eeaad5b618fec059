using SidecarGuard.Core.Detection;

namespace SidecarGuard.Judges.OpenAI;

/// <summary>
/// OpenAI moderation categories mapped to ours. Several map to one of ours; the strongest score wins. Abuse of the
/// assistant and mass violence have no moderation category: they come from the built-in detector only.
/// </summary>
internal static class ModerationCategories
{
    /// <summary>Categories whose score can make the user at risk (see <see cref="OpenAIModerationOptions.AtRiskThreshold"/>).</summary>
    public static readonly string[] AtRiskSignals = ["self-harm/intent", "self-harm/instructions"];

    public static IReadOnlyDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sexual"] = HarmCategories.Sexual,
        ["sexual/minors"] = HarmCategories.ChildSexualExploitation,
        ["harassment"] = HarmCategories.Harassment,
        ["harassment/threatening"] = HarmCategories.Harassment,
        ["hate"] = HarmCategories.Hate,
        ["hate/threatening"] = HarmCategories.Hate,
        ["illicit"] = HarmCategories.Illicit,
        // Advice for wrongdoing that involves violence or acquiring weapons.
        ["illicit/violent"] = HarmCategories.Violence,
        ["self-harm"] = HarmCategories.SelfHarm,
        ["self-harm/intent"] = HarmCategories.SelfHarm,
        ["self-harm/instructions"] = HarmCategories.SelfHarm,
        ["violence"] = HarmCategories.Violence,
        ["violence/graphic"] = HarmCategories.Violence,
    };
}
