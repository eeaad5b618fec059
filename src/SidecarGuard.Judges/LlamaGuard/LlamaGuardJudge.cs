using System.Text.Json;

namespace SidecarGuard.Judges.LlamaGuard;

/// <summary>
/// Asks Llama Guard 3 about a user turn through an OpenAI-compatible <c>POST {BaseUrl}/v1/chat/completions</c> and
/// maps its answer with <see cref="LlamaGuardCategories"/>.
/// </summary>
internal sealed class LlamaGuardJudge(LlamaGuardOptions options, HttpClient http, string? apiKey)
    : HttpJudge<LlamaGuardOptions>(options, http, apiKey, "v1/chat/completions")
{
    public override string Name => "llama-guard";

    public override async ValueTask<JudgeVerdict> JudgeAsync(string userText, CancellationToken cancellationToken)
    {
        var content = Options.PromptFromServerTemplate ? userText : LlamaGuardPrompt.For(userText);
        using var answer = await PostAsync(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", Options.Model);
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", content);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNumber("temperature", 0);
            json.WriteNumber("max_tokens", 32);
            json.WriteBoolean("stream", false);
            json.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        return LlamaGuardAnswer.Parse(MessageContent(answer.RootElement));
    }

    private static string MessageContent(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
            && choices[0].ValueKind == JsonValueKind.Object
            && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        throw new JudgeUnavailableException("malformed answer: no choices[0].message.content");
    }
}
