namespace SidecarGuard.Judges;

/// <summary>What a judge found in one user turn, already mapped to SidecarGuard's category names.</summary>
public sealed record JudgeVerdict
{
    /// <summary>A verdict with nothing found.</summary>
    public static JudgeVerdict Safe { get; } = new();

    /// <summary>Categories found, with scores in [0, 1], in any order.</summary>
    public IReadOnlyList<CategoryScore> Categories { get; init; } = [];

    /// <summary>The judge sees the user at risk (for example suicide or self-harm intent).</summary>
    public bool AtRisk { get; init; }
}
