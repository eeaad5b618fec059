using System.Net;
using System.Net.Http.Json;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>DNS-rebinding and cross-site defences of the HTTP endpoints: host names and browser origins.</summary>
public sealed class HostAndOriginTests
{
    private static async Task<HttpResponseMessage> EvaluateAsync(TestSidecar server, string? host = null, string? origin = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.HttpAddress!) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/conversations/h-{Guid.NewGuid():N}/turns:evaluate")
        {
            Content = JsonContent.Create(new { userText = "what is a good name for a cat" }),
        };
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    private static Task<TestSidecar> StartAsync(IReadOnlyList<string>? allowedHosts = null) => TestSidecar.StartAsync(new SidecarOptions
    {
        Store = StoreKind.Memory,
        Detector = DetectorKind.Lexicon,
        AllowedHosts = allowedHosts ?? [],
    });

    [Fact]
    public async Task A_Foreign_Host_Name_Is_Refused_On_Loopback()
    {
        await using var server = await StartAsync();
        using var rebound = await EvaluateAsync(server, host: "attacker.example:50052");
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.Contains("DNS-rebinding", await rebound.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var local = await EvaluateAsync(server, host: "localhost");
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        using var direct = await EvaluateAsync(server);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Fact]
    public async Task A_Foreign_Web_Page_Is_Refused_And_The_Sidecars_Own_Origin_Is_Not()
    {
        await using var server = await StartAsync();
        using var foreign = await EvaluateAsync(server, origin: "https://attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var sandboxed = await EvaluateAsync(server, origin: "null");
        Assert.Equal(HttpStatusCode.Forbidden, sandboxed.StatusCode);

        var own = new Uri(server.HttpAddress!);
        using var same = await EvaluateAsync(server, origin: $"http://{own.Host}:{own.Port}");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task Allowed_Hosts_Add_Names_And_A_Star_Allows_Any()
    {
        await using (var server = await StartAsync(["sidecar.internal"]))
        {
            using var named = await EvaluateAsync(server, host: "sidecar.internal");
            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
            using var other = await EvaluateAsync(server, host: "other.internal");
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        }

        await using (var server = await StartAsync(["*"]))
        {
            using var any = await EvaluateAsync(server, host: "anything.example");
            Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        }
    }

    [Fact]
    public void A_Wildcard_Listener_Accepts_Any_Name_Unless_Told_Otherwise()
    {
        var wildcard = new SidecarOptions { Listen = new IPEndPoint(IPAddress.Any, 50051), HttpListen = new IPEndPoint(IPAddress.Any, 50052) };
        Assert.True(AllowedHosts.For(wildcard).Allows("sidecarguard"));
        Assert.False(AllowedHosts.For(wildcard with { AllowedHosts = ["sidecar.internal"] }).Allows("sidecarguard"));
        Assert.True(AllowedHosts.For(new SidecarOptions { Listen = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 1) }).Allows("10.1.2.3"));
    }

    [Theory]
    [InlineData("http://x.example", "--allowed-hosts expects host names")]
    [InlineData("", "--allowed-hosts needs at least one host name")]
    public void Bad_Allowed_Hosts_Are_Usage_Errors(string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => ServeCommand.Parse(["--allowed-hosts", value], _ => null));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
