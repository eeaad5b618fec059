using SidecarGuard.Core.Detection;

namespace SidecarGuard.Judges.LlamaGuard;

/// <summary>One Llama Guard 3 hazard category and what it means for SidecarGuard.</summary>
/// <param name="Code">The code the model answers with, such as <c>S1</c>.</param>
/// <param name="Title">The category's name in the prompt.</param>
/// <param name="Category">Our category, or <see langword="null"/> when our policy has none for it.</param>
/// <param name="AtRisk">Whether the category means the user may be at risk.</param>
internal sealed record LlamaGuardCategory(string Code, string Title, string? Category, bool AtRisk = false);

/// <summary>
/// The 14 Llama Guard 3 categories (the MLCommons hazard taxonomy plus code interpreter abuse) mapped to ours. Mass
/// violence and abuse of the assistant have no code: they come from the built-in detector only.
/// </summary>
internal static class LlamaGuardCategories
{
    public static IReadOnlyList<LlamaGuardCategory> All { get; } =
    [
        new("S1", "Violent Crimes", HarmCategories.Violence),
        new("S2", "Non-Violent Crimes", HarmCategories.Illicit),
        // Sexual assault, trafficking and sexual harassment are crimes against a person, not adult content.
        new("S3", "Sex-Related Crimes", HarmCategories.Violence),
        new("S4", "Child Sexual Exploitation", HarmCategories.ChildSexualExploitation),
        new("S5", "Defamation", null),
        new("S6", "Specialized Advice", null),
        new("S7", "Privacy", null),
        new("S8", "Intellectual Property", null),
        new("S9", "Indiscriminate Weapons", HarmCategories.IndiscriminateWeapons),
        new("S10", "Hate", HarmCategories.Hate),
        new("S11", "Suicide & Self-Harm", HarmCategories.SelfHarm, AtRisk: true),
        new("S12", "Sexual Content", HarmCategories.Sexual),
        new("S13", "Elections", null),
        new("S14", "Code Interpreter Abuse", null),
    ];

    public static LlamaGuardCategory? Find(string code)
    {
        foreach (var category in All)
        {
            if (string.Equals(category.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return category;
            }
        }

        return null;
    }
}
