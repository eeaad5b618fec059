using System.Text.Json;

namespace SidecarGuard.Judges.LlamaGuard;

/// <summary>
/// Asks Llama Guard 3 about a user turn through an OpenAI-compatible <c>POST {BaseUrl}/v1/chat/completions</c> and
/// maps its answer with <see cref="LlamaGuardCategories"/>.
/// </summary>
internal sealed class LlamaGuardJudge : ITurnJudge, IDisposable
{
    private readonly LlamaGuardOptions _options;
    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly Uri _endpoint;

    public LlamaGuardJudge(LlamaGuardOptions options, HttpClient http, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _options = options;
        _http = http;
        _apiKey = apiKey;
        _endpoint = options.Endpoint("v1/chat/completions");
    }

    public string Name => "llama-guard";

    public async ValueTask<JudgeVerdict> JudgeAsync(string userText, CancellationToken cancellationToken)
    {
        var content = _options.PromptFromServerTemplate ? userText : LlamaGuardPrompt.For(userText);
        using var answer = await JudgeHttp.PostAsync(_http, _endpoint, _apiKey, json =>
        {
            json.WriteStartObject();
            json.WriteString("model", _options.Model);
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

    public void Dispose() => _http.Dispose();

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
