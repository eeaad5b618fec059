using System.Globalization;
using System.Text;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>
/// Lists, for error analysis, the rows each measure gets wrong (missed positives and flagged negatives) with the
/// signals found. Only rows the caller passes are listed: <c>sidecarguard-lab eval --misses</c> passes first-half rows
/// only, so patterns are never written from held-out text.
/// </summary>
internal static class MissWriter
{
    /// <summary>The wrong rows of <paramref name="items"/>, one per line, grouped by measure.</summary>
    public static string Format(EvalSet set, IReadOnlyList<EvalItem> items, IReadOnlyList<TurnJudgement> judgements)
    {
        var text = new StringBuilder();
        foreach (var measure in set.Measures)
        {
            text.Append(CultureInfo.InvariantCulture, $"== misses of {set.Name}: {measure.Name} ==\n");
            for (var i = 0; i < items.Count; i++)
            {
                if (measure.TruthOf(items[i], judgements[i]) is not { } positive || measure.Outcome.Test(judgements[i]) == positive)
                {
                    continue;
                }

                var signals = string.Join(' ', judgements[i].Signals.Categories
                    .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}:{c.Score:0.00}")));
                var row = items[i].Text.ReplaceLineEndings(" ");
                if (items[i].Before is { } before)
                {
                    var earlier = before.UserText.ReplaceLineEndings(" ");
                    row = $"(after {judgements[i].EarlierAction} for \"{(earlier.Length > 120 ? earlier[..120] + "..." : earlier)}\") {row}";
                }

                text.Append(CultureInfo.InvariantCulture,
                    $"{(positive ? "MISS" : "FLAG")} [{items[i].Group}] {judgements[i].Action} {signals} | {(row.Length > 300 ? row[..300] + "..." : row)}\n");
            }
        }

        return text.ToString();
    }
}
