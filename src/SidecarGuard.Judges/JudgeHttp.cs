using System.Net.Http.Headers;
using System.Text.Json;

namespace SidecarGuard.Judges;

/// <summary>The HTTP plumbing the judges share: one client per judge, JSON in and out, failures as <see cref="JudgeUnavailableException"/>.</summary>
internal static class JudgeHttp
{
    /// <summary>Largest answer read from a judge; a classifier never needs more.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>A client for one judge. Per-call timeouts come from the caller's token, so the client has none.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxAnswerBytes,
    };

    /// <summary>Posts the JSON written by <paramref name="body"/> and parses the JSON answer.</summary>
    public static async Task<JsonDocument> PostAsync(HttpClient http, Uri endpoint, string? apiKey, Action<Utf8JsonWriter> body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent(body) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new JudgeUnavailableException($"HTTP {(int)response.StatusCode}");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new JudgeUnavailableException("malformed answer: not JSON", e);
            }
        }
    }

    private static ByteArrayContent JsonContent(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
