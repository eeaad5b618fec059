using System.Globalization;
using System.Text;

namespace SidecarGuard.Lab.Evaluation.Ablation;

/// <summary>
/// Writes the ablation as Markdown: the shipped detector's held-out figures, then one row per configuration with
/// every figure that moves by at least a point against the shipped one (losses first).
/// </summary>
internal static class AblationReportWriter
{
    /// <summary>Smallest change reported, in points.</summary>
    public const double MinDeltaPoints = 1.0;

    public static string Format(IReadOnlyList<AblationResult> results)
    {
        var shipped = results[0];
        var baseline = shipped.Figures.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Held-out halves and scenarios, {shipped.Configuration}:");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("|---|---|");
        foreach (var figure in shipped.Figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure.Name} | {figure.Value * 100:0.0}% |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"What changes without each part (points against the shipped detector; moves under {MinDeltaPoints:0} point left out):");
        text.AppendLine();
        text.AppendLine("| configuration | losses | gains |");
        text.AppendLine("|---|---|---|");
        foreach (var result in results.Skip(1))
        {
            var deltas = result.Figures
                .Where(f => baseline.ContainsKey(f.Name))
                .Select(f => (f.Name, Points: (f.Value - baseline[f.Name]) * 100))
                .Where(d => Math.Abs(d.Points) >= MinDeltaPoints)
                .ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Configuration} | {Describe(deltas.Where(d => d.Points < 0).OrderBy(d => d.Points))} | {Describe(deltas.Where(d => d.Points > 0).OrderByDescending(d => d.Points))} |");
        }

        return text.ToString();
    }

    private static string Describe(IEnumerable<(string Name, double Points)> deltas)
    {
        var parts = deltas.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} {d.Points:+0.0;-0.0}")).ToList();
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}
