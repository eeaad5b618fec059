using System.Globalization;
using System.Text;

namespace SidecarGuard.Sidecar.Replay;

/// <summary>A readable per-turn table for people tuning a policy.</summary>
internal static class TableReplayWriter
{
    private const int TextWidth = 48;

    public static string Format(ReplayResult result)
    {
        var text = new StringBuilder();
        var id = result.Conversation.Id?.ToString() ?? "(no id)";
        text.Append(CultureInfo.InvariantCulture, $"== {id}");
        if (result.Error is not null)
        {
            return text.Append(CultureInfo.InvariantCulture, $"  ERROR: {result.Error}").AppendLine().ToString();
        }

        text.Append(result.Ended
            ? string.Create(CultureInfo.InvariantCulture, $"  ended at turn {result.EndedAtTurn} ({ActionNames.Of(result.EndReason)})")
            : "  not ended").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"#",3}  {"action",-11}  {"signals",-28}  {"user text",-TextWidth}  reason");
        foreach (var (turn, verdict) in result.Verdicts)
        {
            var signals = string.Join(",", verdict.Categories.Take(2).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}:{c.Score:0.00}")));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {verdict.TurnIndex,3}  {ActionNames.Of(verdict.Action),-11}  {Clip(signals, 28),-28}  {Clip(turn.Content, TextWidth),-TextWidth}  {verdict.Reason}");
        }

        return text.ToString();
    }

    private static string Clip(string value, int width)
    {
        var flat = value.ReplaceLineEndings(" ");
        return flat.Length <= width ? flat : string.Concat(flat.AsSpan(0, width - 1), "…");
    }
}
