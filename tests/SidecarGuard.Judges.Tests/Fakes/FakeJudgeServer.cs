using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SidecarGuard.Judges.Tests.Fakes;

/// <summary>
/// A judge server on Kestrel at 127.0.0.1 with a free port that speaks the wire formats of an OpenAI-compatible chat
/// endpoint (<c>/v1/chat/completions</c>) and the moderation API (<c>/v1/moderations</c>). Tests set what it answers.
/// </summary>
internal sealed class FakeJudgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeJudgeServer(WebApplication app)
    {
        _app = app;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>Root address, such as <c>http://127.0.0.1:43121</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Answers the next requests; defaults to a safe verdict in both formats.</summary>
    public Func<HttpContext, Task> Respond { get; set; } = ctx => ctx.Request.Path.Value!.EndsWith("moderations", StringComparison.Ordinal)
        ? Json(ctx, Moderation())
        : Json(ctx, ChatCompletion("safe"));

    /// <summary>Requests received so far (bodies as JSON) with their Authorization header.</summary>
    public ConcurrentQueue<(string Path, JsonElement Body, string? Authorization)> Requests { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeJudgeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeJudgeServer? server = null;
        app.Run(async ctx =>
        {
            Interlocked.Increment(ref server!._calls);
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            server.Requests.Enqueue((ctx.Request.Path.Value!, body.RootElement.Clone(), ctx.Request.Headers.Authorization.FirstOrDefault()));
            await server.Respond(ctx);
        });
        await app.StartAsync();
        server = new FakeJudgeServer(app);
        return server;
    }

    /// <summary>An OpenAI-compatible chat completion whose message content is <paramref name="content"/>.</summary>
    public static string ChatCompletion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion",
        model = "llama-guard3",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
    });

    /// <summary>A moderation answer with every category at 0.0001 except <paramref name="scores"/>, flagged at 0.5 or more.</summary>
    public static string Moderation(params (string Category, double Score)[] scores)
    {
        string[] names = ["sexual", "sexual/minors", "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit",
            "illicit/violent", "self-harm", "self-harm/intent", "self-harm/instructions", "violence", "violence/graphic"];
        var values = names.ToDictionary(n => n, n => scores.Where(s => s.Category == n).Select(s => s.Score).DefaultIfEmpty(0.0001).First());
        return JsonSerializer.Serialize(new
        {
            id = "modr-1",
            model = "omni-moderation-latest",
            results = new[]
            {
                new
                {
                    flagged = values.Values.Any(v => v >= 0.5),
                    categories = values.ToDictionary(v => v.Key, v => v.Value >= 0.5),
                    category_scores = values,
                },
            },
        });
    }

    public static Task Json(HttpContext ctx, string json, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(json);
    }

    public static Task Status(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsync("""{"error":{"message":"unavailable"}}""");
    }

    public static async Task Slow(HttpContext ctx, TimeSpan delay, string json)
    {
        try
        {
            await Task.Delay(delay, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await Json(ctx, json);
    }

    /// <summary>Answers with <paramref name="text"/> as the UTF-8 body, for malformed responses.</summary>
    public static Task Raw(HttpContext ctx, string text)
    {
        ctx.Response.ContentType = "application/json";
        return ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
