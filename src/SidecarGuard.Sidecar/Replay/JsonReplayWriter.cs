using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SidecarGuard.Sidecar.Replay;

/// <summary>
/// Writes one JSON line per input line:
/// <c>{"id": ..., "actions": [...], "ended": bool, "endedAtTurn": N|null, "endReason": "ABUSE"|"USER_REQUESTED"|null}</c>,
/// plus <c>"error"</c> on lines that could not be replayed.
/// </summary>
internal static class JsonReplayWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(ReplayResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("id");
            if (result.Conversation.Id is { } id)
            {
                id.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStartArray("actions");
            foreach (var (_, verdict) in result.Verdicts)
            {
                writer.WriteStringValue(ActionNames.Of(verdict.Action));
            }

            writer.WriteEndArray();
            writer.WriteBoolean("ended", result.Ended);
            if (result.EndedAtTurn is { } turn)
            {
                writer.WriteNumber("endedAtTurn", turn);
            }
            else
            {
                writer.WriteNull("endedAtTurn");
            }

            if (ActionNames.Of(result.EndReason) is { } reason)
            {
                writer.WriteString("endReason", reason);
            }
            else
            {
                writer.WriteNull("endReason");
            }

            if (result.Error is not null)
            {
                writer.WriteString("error", result.Error);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
