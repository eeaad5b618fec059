using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>The same guard over JSON/HTTP (gRPC JSON transcoding) on the HTTP/1.1 endpoint, with plain HttpClient.</summary>
public sealed class JsonHttpTests : ServerTestBase
{
    private HttpClient? _http;

    private HttpClient Http => _http ?? throw new InvalidOperationException("Not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _http = new HttpClient { BaseAddress = new Uri(Server.HttpAddress!), DefaultRequestVersion = HttpVersion.Version11 };
    }

    private Task<HttpResponseMessage> EvaluateAsync(string id, string text) =>
        Http.PostAsJsonAsync($"/v1/conversations/{id}/turns:evaluate", new { userText = text });

    private static async Task<JsonNode> JsonOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    [Fact]
    public async Task Persistent_Terror_Goes_To_End_And_The_Conversation_Ends_Over_Json()
    {
        var id = NewId();
        var actions = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await EvaluateAsync(id, Phrases.Terror);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            actions.Add((string)(await JsonOf(response))["action"]!);
        }

        Assert.Equal(["TURN_ACTION_REDIRECT", "TURN_ACTION_REDIRECT", "TURN_ACTION_WARN", "TURN_ACTION_END"], actions);

        using var end = await Http.PostAsJsonAsync($"/v1/conversations/{id}:end", new { reason = "END_REASON_ABUSE", requestId = "json-end" });
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        var ended = await JsonOf(end);
        Assert.Equal("END_REASON_ABUSE", (string)ended["record"]!["reason"]!);
        Assert.Equal("json-end", (string)ended["record"]!["requestId"]!);

        using var get = await Http.GetAsync($"/v1/conversations/{id}");
        Assert.Equal("CONVERSATION_STATUS_ENDED", (string)(await JsonOf(get))["state"]!["status"]!);

        using var after = await EvaluateAsync(id, Phrases.Benign);
        Assert.Equal("TURN_ACTION_ENDED", (string)(await JsonOf(after))["action"]!);
    }

    [Fact]
    public async Task Refused_End_Is_Http_400_With_Failed_Precondition_And_Error_Info()
    {
        var id = NewId();
        (await EvaluateAsync(id, Phrases.AtRisk)).Dispose();

        using var end = await Http.PostAsJsonAsync($"/v1/conversations/{id}:end", new { reason = "END_REASON_ABUSE" });
        Assert.Equal(HttpStatusCode.BadRequest, end.StatusCode);
        var error = await JsonOf(end);
        Assert.Equal(9, (int)error["code"]!);
        var info = error["details"]!.AsArray().Single(d => ((string)d!["@type"]!).EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))!;
        Assert.Equal("AT_RISK_VETO", (string)info["reason"]!);
        Assert.Equal("sidecarguard.dev", (string)info["domain"]!);
    }

    [Fact]
    public async Task Unknown_Conversation_Is_404_With_Resource_Info()
    {
        using var response = await Http.GetAsync($"/v1/conversations/{NewId()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await JsonOf(response);
        Assert.Equal(5, (int)error["code"]!);
        Assert.Contains(error["details"]!.AsArray(), d => ((string)d!["@type"]!).EndsWith("google.rpc.ResourceInfo", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\u200B\u200B")]
    [InlineData("\u0000")]
    public async Task Blank_Text_Is_400_Naming_The_Field(string text)
    {
        using var response = await EvaluateAsync(NewId(), text);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonOf(response);
        Assert.Equal(3, (int)error["code"]!);
        var violation = error["details"]!.AsArray().Single()!["fieldViolations"]!.AsArray().Single()!;
        Assert.Equal("user_text", (string)violation["field"]!);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"userText\": 42, \"previousAssistantRefused\": \"maybe\"}")]
    [InlineData("[1, 2, 3]")]
    public async Task Malformed_Json_Is_400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync($"/v1/conversations/{NewId()}/turns:evaluate", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_End_Reason_Is_400()
    {
        using var response = await Http.PostAsJsonAsync($"/v1/conversations/{NewId()}:end", new { reason = "END_REASON_BECAUSE" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Branch_Over_Json_Keeps_The_Earlier_Turns()
    {
        var id = NewId();
        (await EvaluateAsync(id, Phrases.Benign)).Dispose();
        (await EvaluateAsync(id, Phrases.Benign)).Dispose();
        using var response = await Http.PostAsJsonAsync($"/v1/conversations/{id}:branch", new { turnIndex = 1, newConversationId = id + "-b" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var branch = await JsonOf(response);
        Assert.Equal(id + "-b", (string)branch["newConversationId"]!);
        Assert.Equal(1, (int)branch["state"]!["turnCount"]!);
    }

    [Fact]
    public async Task Ready_Line_Shows_Both_Addresses_And_The_Json_One_Answers()
    {
        await using var sidecar = await SidecarProcess.StartAsync("--store", "memory");
        var match = System.Text.RegularExpressions.Regex.Match(sidecar.ReadyLine,
            @"^sidecarguard ready on http://127\.0\.0\.1:\d+ \(h2c gRPC; JSON/HTTP and /metrics on (http://127\.0\.0\.1:\d+);");
        Assert.True(match.Success, sidecar.ReadyLine);
        using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
        using var response = await http.GetAsync($"/v1/conversations/{NewId()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public override async Task DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_Body_Over_The_Limit_Is_413_Resource_Exhausted_And_Stores_Nothing()
    {
        var id = NewId();
        using var content = new ByteArrayContent(new byte[40 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        // Like curl with a large body, ask before sending it: the 413 comes back before a byte of the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/conversations/{id}/turns:evaluate") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await JsonOf(response);
        Assert.Equal(8, (int)error["code"]!);
        Assert.Contains("524288 bytes", (string)error["message"]!, StringComparison.Ordinal);

        using var missing = await Http.GetAsync($"/v1/conversations/{id}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_Chunked_Body_Over_The_Limit_Is_413_Too()
    {
        var padding = new string(' ', 600 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"userText\": \"hi\"{padding}}}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/conversations/{NewId()}/turns:evaluate") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(8, (int)(await JsonOf(response))["code"]!);
    }

    [Fact]
    public async Task A_Chunked_Body_Under_The_Limit_Passes()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"userText\": \"{Phrases.Benign}\"}}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/conversations/{NewId()}/turns:evaluate") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("TURN_ACTION_ALLOW", (string)(await JsonOf(response))["action"]!);
    }
}
