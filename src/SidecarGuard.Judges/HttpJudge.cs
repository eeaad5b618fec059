using System.Text.Json;

namespace SidecarGuard.Judges;

/// <summary>
/// A judge behind an HTTP endpoint: its options, one HTTP client, the API key, and the endpoint made from the options'
/// base URL; a derived judge writes its request and reads the answer. Failures come out as
/// <see cref="JudgeUnavailableException"/> (<see cref="JudgeHttp"/>).
/// </summary>
/// <typeparam name="TOptions">The judge's settings.</typeparam>
internal abstract class HttpJudge<TOptions> : ITurnJudge, IDisposable
    where TOptions : JudgeOptions
{
    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly Uri _endpoint;

    /// <param name="options">The judge's settings.</param>
    /// <param name="http">The client the judge owns (disposed with it).</param>
    /// <param name="apiKey">Sent as a bearer token when set.</param>
    /// <param name="path">The endpoint's path under the options' base URL, such as <c>v1/moderations</c>.</param>
    protected HttpJudge(TOptions options, HttpClient http, string? apiKey, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        Options = options;
        _http = http;
        _apiKey = apiKey;
        _endpoint = options.Endpoint(path);
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The judge's settings.</summary>
    protected TOptions Options { get; }

    /// <inheritdoc />
    public abstract ValueTask<JudgeVerdict> JudgeAsync(string userText, CancellationToken cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>Posts the JSON <paramref name="body"/> writes to the endpoint and parses the JSON answer.</summary>
    protected Task<JsonDocument> PostAsync(Action<Utf8JsonWriter> body, CancellationToken cancellationToken) =>
        JudgeHttp.PostAsync(_http, _endpoint, _apiKey, body, cancellationToken);
}
