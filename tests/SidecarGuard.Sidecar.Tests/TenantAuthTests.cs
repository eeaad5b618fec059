using System.Net;
using System.Net.Http.Json;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Sidecar.Tenancy;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>A sidecar started with --auth: keys, tenants kept apart, read-only keys and per-tenant rate limits.</summary>
public sealed class TenantAuthTests : IAsyncLifetime
{
    private const string AcmeKey = "acme-secret-1";
    private const string GlobexKey = "globex-secret-1";
    private const string AcmeReaderKey = "acme-reader-1";
    private const string TinyKey = "tiny-secret-1";
    private readonly string _authFile = Path.Combine(Path.GetTempPath(), $"sg-auth-{Guid.NewGuid():N}.json");
    private TestSidecar? _server;

    private TestSidecar Server => _server!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_authFile, $$"""
            {
              "tenants": {
                "acme": { "keys": [ { "sha256": "{{ApiKeyHash.Of(AcmeKey)}}" }, { "sha256": "{{ApiKeyHash.Of(AcmeReaderKey)}}", "readOnly": true } ] },
                "globex": { "keys": [ { "sha256": "{{ApiKeyHash.Of(GlobexKey)}}" } ] },
                "tiny": { "keys": [ { "sha256": "{{ApiKeyHash.Of(TinyKey)}}" } ], "rateLimit": { "requestsPerSecond": 0.2, "burst": 3 } }
              }
            }
            """);
        _server = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Memory, AuthPath = _authFile });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(_authFile);
    }

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    private static string NewId() => "a-" + Guid.NewGuid().ToString("N");

    private Task<EvaluateTurnResponse> TurnAsync(string key, string id, string text) =>
        Server.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = text }, Bearer(key)).ResponseAsync;

    private static async Task<RpcException> ExpectAsync(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }

    [Fact]
    public async Task Calls_Without_A_Key_Are_Unauthenticated()
    {
        var error = await ExpectAsync(StatusCode.Unauthenticated,
            () => Server.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = NewId(), UserText = Phrases.Benign }).ResponseAsync);
        Assert.Equal("API_KEY_MISSING", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Theory]
    [InlineData("authorization", "Bearer wrong-key")]
    [InlineData("authorization", "Basic " + AcmeKey)]
    [InlineData("x-api-key", "acme-secret-2")]
    [InlineData("authorization", "Bearer ")]
    public async Task Bad_Keys_Are_Unauthenticated(string header, string value)
    {
        var error = await ExpectAsync(StatusCode.Unauthenticated, () => Server.Client.GetConversationAsync(
            new GetConversationRequest { ConversationId = NewId() }, new Metadata { { header, value } }).ResponseAsync);
        Assert.NotNull(error.GetRpcStatus()!.GetDetail<ErrorInfo>());
    }

    [Fact]
    public async Task Bearer_And_X_Api_Key_Both_Work_And_Ids_Come_Back_Unprefixed()
    {
        var id = NewId();
        var verdict = await TurnAsync(AcmeKey, id, Phrases.Benign);
        Assert.Equal(id, verdict.State.ConversationId);
        var view = await Server.Client.GetConversationAsync(new GetConversationRequest { ConversationId = id }, new Metadata { { "x-api-key", AcmeKey } });
        Assert.Equal(id, view.State.ConversationId);
        Assert.Equal(1, view.State.TurnCount);
    }

    [Fact]
    public async Task Another_Tenant_Cannot_Read_End_Or_Branch_A_Conversation()
    {
        var id = NewId();
        for (var i = 0; i < 4; i++)
        {
            await TurnAsync(AcmeKey, id, Phrases.Terror);
        }

        await ExpectAsync(StatusCode.NotFound, () => Server.Client.GetConversationAsync(
            new GetConversationRequest { ConversationId = id }, Bearer(GlobexKey)).ResponseAsync);
        await ExpectAsync(StatusCode.NotFound, () => Server.Client.EndConversationAsync(
            new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse }, Bearer(GlobexKey)).ResponseAsync);
        await ExpectAsync(StatusCode.NotFound, () => Server.Client.BranchConversationAsync(
            new BranchConversationRequest { ConversationId = id, TurnIndex = 1 }, Bearer(GlobexKey)).ResponseAsync);

        // The same id is a different, fresh conversation for globex; acme's is untouched and still endable.
        Assert.Equal(TurnAction.Allow, (await TurnAsync(GlobexKey, id, Phrases.Benign)).Action);
        var ended = await Server.Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse }, Bearer(AcmeKey));
        Assert.Equal(id, ended.Record.ConversationId);
        Assert.Equal(4, ended.State.TurnCount);
        var globexView = await Server.Client.GetConversationAsync(new GetConversationRequest { ConversationId = id }, Bearer(GlobexKey));
        Assert.Equal(1, globexView.State.TurnCount);
        Assert.Null(globexView.EndRecord);
    }

    [Fact]
    public async Task Branches_Stay_In_Their_Tenant()
    {
        var id = NewId();
        await TurnAsync(AcmeKey, id, Phrases.Benign);
        await TurnAsync(AcmeKey, id, Phrases.Benign);
        var branch = await Server.Client.BranchConversationAsync(new BranchConversationRequest { ConversationId = id, TurnIndex = 1 }, Bearer(AcmeKey));
        Assert.StartsWith(id, branch.NewConversationId, StringComparison.Ordinal);
        Assert.Equal(id, branch.State.BranchedFrom);
        await ExpectAsync(StatusCode.NotFound, () => Server.Client.GetConversationAsync(
            new GetConversationRequest { ConversationId = branch.NewConversationId }, Bearer(GlobexKey)).ResponseAsync);
    }

    [Fact]
    public async Task A_Read_Only_Key_Reads_But_Cannot_Evaluate_Or_End()
    {
        var id = NewId();
        await TurnAsync(AcmeKey, id, Phrases.Benign);
        var view = await Server.Client.GetConversationAsync(new GetConversationRequest { ConversationId = id }, Bearer(AcmeReaderKey));
        Assert.Equal(1, view.State.TurnCount);
        await ExpectAsync(StatusCode.PermissionDenied, () => TurnAsync(AcmeReaderKey, id, Phrases.Benign));
        var error = await ExpectAsync(StatusCode.PermissionDenied, () => Server.Client.EndConversationAsync(
            new EndConversationRequest { ConversationId = id, Reason = EndReason.UserRequested }, Bearer(AcmeReaderKey)).ResponseAsync);
        Assert.Equal("API_KEY_READ_ONLY", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Rate_Limit_Trips_With_Retry_Info_And_Spares_Other_Tenants()
    {
        var id = NewId();
        for (var i = 0; i < 3; i++)
        {
            await TurnAsync(TinyKey, id, Phrases.Benign);
        }

        var error = await ExpectAsync(StatusCode.ResourceExhausted, () => TurnAsync(TinyKey, id, Phrases.Benign));
        var retry = error.GetRpcStatus()!.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal(TurnAction.Allow, (await TurnAsync(AcmeKey, NewId(), Phrases.Benign)).Action);
    }

    [Fact]
    public async Task Health_Stays_Open_Without_A_Key()
    {
        var health = new Health.HealthClient(Server.Channel);
        var response = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Json_Http_Needs_The_Key_Too()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.HttpAddress!) };
        var id = NewId();
        using var anonymous = await http.PostAsJsonAsync($"/v1/conversations/{id}/turns:evaluate", new { userText = Phrases.Benign });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/conversations/{id}/turns:evaluate")
        {
            Content = JsonContent.Create(new { userText = Phrases.Benign }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AcmeKey);
        using var keyed = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Fact]
    public async Task Json_Http_Maps_Read_Only_To_403_And_Rate_Limit_To_429_With_Retry_Info()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.HttpAddress!) };
        async Task<HttpResponseMessage> EvaluateAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/conversations/{NewId()}/turns:evaluate")
            {
                Content = JsonContent.Create(new { userText = Phrases.Benign }),
            };
            request.Headers.Add("x-api-key", key);
            return await http.SendAsync(request);
        }

        using (var readOnly = await EvaluateAsync(AcmeReaderKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        }

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await EvaluateAsync(TinyKey);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            var body = await limited.Content.ReadAsStringAsync();
            Assert.Contains("google.rpc.RetryInfo", body, StringComparison.Ordinal);
            Assert.Contains("retryDelay", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_Broken_Frame_Without_A_Key_Is_Unauthenticated_Before_Its_Body_Is_Read()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Address + "/sidecarguard.v1.GuardService/EvaluateTurn")
        {
            // A frame announcing 3 MB of which none follows: a gate that buffered first would wait or say INVALID_ARGUMENT.
            Content = new ByteArrayContent([0, 0, 0x30, 0, 0, 1, 2, 3]),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        string Header(string name) => response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : "";
        Assert.Equal(((int)StatusCode.Unauthenticated).ToString(System.Globalization.CultureInfo.InvariantCulture), Header("grpc-status"));
        var details = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(Pad(Header("grpc-status-details-bin"))));
        Assert.Equal("API_KEY_MISSING", details.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task A_Huge_Json_Body_Without_A_Key_Is_401_Not_413()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.HttpAddress!) };
        using var content = new ByteArrayContent(new byte[8 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/conversations/{NewId()}/turns:evaluate") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("API_KEY_MISSING", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}

public sealed class AuthSettingsTests
{
    [Fact]
    public async Task Hash_Key_Prints_The_Sha256_Of_Stdin()
    {
        var output = new StringWriter();
        var code = await CommandLine.RunAsync(["hash-key"], new StringReader("secret\n"), output, TextWriter.Null);
        Assert.Equal(0, code);
        Assert.Equal("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", output.ToString().Trim());
    }

    [Fact]
    public async Task Hash_Key_Without_Input_Is_A_Usage_Error()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["hash-key"], new StringReader(""), TextWriter.Null, TextWriter.Null));
    }

    [Theory]
    [InlineData("""{"tenants": {}}""", "at least one tenant")]
    [InlineData("""{"tenants": {"a/b": {"keys": [{"sha256": "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"}]}}}""", "1 to 64 of the characters A-Z a-z 0-9 . _ -")]
    [InlineData("""{"tenants": {"acme": {"keys": [{"sha256": "secret"}]}}}""", "64 lowercase hex")]
    [InlineData("""{"tenants": {"acme": {"keys": [{"sha256": "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"}], "rateLimit": {"requestsPerSecond": 0, "burst": 1}}}}""", "must be positive")]
    [InlineData("""{"tenants": {"acme": {"keyz": []}}}""", "not valid JSON")]
    public async Task Invalid_Auth_Files_Stop_The_Sidecar_With_A_Message(string json, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sg-auth-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        try
        {
            var error = new StringWriter();
            var code = await CommandLine.RunAsync(["serve", "--store", "memory", "--listen", "127.0.0.1:0", "--http-listen", "off", "--auth", path],
                TextReader.Null, TextWriter.Null, error);
            Assert.Equal(2, code);
            Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
