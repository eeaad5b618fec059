using System.Text;
using System.Text.Json;

namespace SidecarGuard.Sidecar.Replay;

/// <summary>
/// Parses JSONL conversations: <c>{"id": ..., "turns": [{"role": "user"|"assistant", "content": ...}]}</c>. Content
/// may be a string or an array of text parts; other roles and fields are ignored.
/// </summary>
internal static class ReplayReader
{
    /// <summary>Parses one line; throws <see cref="FormatException"/> with a precise message when it is not a conversation.</summary>
    public static ReplayConversation Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("expected a JSON object with \"id\" and \"turns\".");
            }

            JsonElement? id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : null;
            if (!root.TryGetProperty("turns", out var turnsElement) || turnsElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("\"turns\" must be an array of {\"role\", \"content\"} objects.");
            }

            var turns = new List<ReplayTurn>();
            var position = 0;
            foreach (var turn in turnsElement.EnumerateArray())
            {
                if (turn.ValueKind != JsonValueKind.Object || !turn.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"turns[{position}] needs a string \"role\".");
                }

                var name = role.GetString()!.ToLowerInvariant();
                if (name is "user" or "assistant")
                {
                    turns.Add(new ReplayTurn(name, ContentOf(turn, position)));
                }

                position++;
            }

            return new ReplayConversation(id, turns);
        }
    }

    private static string ContentOf(JsonElement turn, int position)
    {
        if (!turn.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind == JsonValueKind.Array)
        {
            var text = new StringBuilder();
            foreach (var part in content.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.String)
                {
                    text.Append(part.GetString()).Append('\n');
                }
                else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                {
                    text.Append(partText.GetString()).Append('\n');
                }
            }

            return text.ToString().TrimEnd('\n');
        }

        throw new FormatException($"turns[{position}].content must be a string or an array of text parts.");
    }
}
