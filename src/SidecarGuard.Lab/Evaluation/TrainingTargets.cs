using SidecarGuard.Core.Detection;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>Builds <see cref="EvalItem.Targets"/>: which SidecarGuard categories a data-set row teaches the model.</summary>
internal static class TrainingTargets
{
    /// <summary>The categories the built-in linear model scores, in weight-file order.</summary>
    public static readonly string[] Categories =
    [
        HarmCategories.ChildSexualExploitation,
        HarmCategories.MassViolence,
        HarmCategories.IndiscriminateWeapons,
        HarmCategories.Violence,
        HarmCategories.Hate,
        HarmCategories.Harassment,
        HarmCategories.Sexual,
        HarmCategories.Illicit,
        HarmCategories.SelfHarm,
        HarmCategories.OtherHarm,
    ];

    /// <summary>A benign row: negative for every category.</summary>
    public static IReadOnlyDictionary<string, bool> Benign() => Categories.ToDictionary(c => c, _ => false);

    /// <summary>A harmful row: positive for <paramref name="positives"/>, negative for every other category.</summary>
    public static IReadOnlyDictionary<string, bool> Positive(params string[] positives) =>
        Categories.ToDictionary(c => c, positives.Contains);

    /// <summary>A row that teaches nothing.</summary>
    public static IReadOnlyDictionary<string, bool> None() => new Dictionary<string, bool>();
}
