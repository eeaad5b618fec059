namespace SidecarGuard;

/// <summary>One harm or risk signal found in a turn.</summary>
/// <param name="Name">Category name, such as <c>child_sexual_exploitation</c> or <c>self_harm</c>.</param>
/// <param name="Score">Score in [0, 1].</param>
public readonly record struct CategoryScore(string Name, double Score);
