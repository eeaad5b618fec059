namespace SidecarGuard.Lab.Evaluation;

/// <summary>The result of evaluating one data set.</summary>
internal sealed record SetReport(string Name, int Rows, IReadOnlyList<MeasureReport> Measures, IReadOnlyList<GroupReport> Groups);

/// <summary>A measure's counts per half, on the plain and on the obfuscated text.</summary>
/// <param name="Measure">The measure counted.</param>
/// <param name="Halves">Index 0: first half (tuning); 1: second half (held out).</param>
/// <param name="ObfuscatedHalves">The same on obfuscated text; empty when obfuscation was off.</param>
/// <param name="FalseFlagCategories">For negatives flagged (both halves): the strongest category found, counted.</param>
internal sealed record MeasureReport(Measure Measure, ConfusionCounts[] Halves, ConfusionCounts[] ObfuscatedHalves, IReadOnlyDictionary<string, int> FalseFlagCategories)
{
    /// <summary>Obfuscated recall as a share of plain recall for half <paramref name="half"/> (0 or 1).</summary>
    public double? KeptShare(int half) =>
        ObfuscatedHalves.Length == 0 || Halves[half].Recall is not { } plain || ObfuscatedHalves[half].Recall is not { } obfuscated
            ? null
            : plain == 0 ? (obfuscated == 0 ? 1 : null) : obfuscated / plain;
}

/// <summary>Per data-set label (type, category, harm area): rows and how many were flagged (not ALLOW), per half.</summary>
internal sealed record GroupReport(string Group, int[] Rows, int[] Flagged, int[] Supported);
