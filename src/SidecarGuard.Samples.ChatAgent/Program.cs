using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SidecarGuard;
using SidecarGuard.Client;
using SidecarGuard.Samples.ChatAgent;
using SidecarGuard.SemanticKernel;

AgentSettings settings;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(AgentSettings.Usage);
        return 0;
    }

    settings = AgentSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(AgentSettings.Usage);
    return 2;
}

// The guard: a running sidecar, or the same policy engine in this process.
var services = new ServiceCollection();
if (settings.Sidecar is { } sidecar)
{
    services.AddSidecarGuard(o =>
    {
        o.Address = sidecar;
        o.FailMode = settings.FailOpen ? GuardFailMode.FailOpen : GuardFailMode.FailClosed;
    });
}
else
{
    services.AddSidecarGuardInProcess();
}

await using var provider = services.BuildServiceProvider();
var realGuard = provider.GetRequiredService<IConversationGuard>();
var guard = new ObservedGuard(realGuard);

// The model: any OpenAI-compatible endpoint, or the OFFLINE scripted model behind SK's own tool loop.
var scripted = new ScriptedModel();
IChatCompletionService model = settings.Offline
    ? new ChatClientBuilder(scripted).UseKernelFunctionInvocation().Build().AsChatCompletionService()
    : new OpenAIChatCompletionService(settings.Model, settings.BaseUrl!, settings.ApiKey);

var builder = Kernel.CreateBuilder();
builder.Services.AddSingleton<IConversationGuard>(guard);
builder.Services.AddSingleton<IChatCompletionService>(new GuardedChatCompletionService(model, guard));
builder.AddSidecarGuardFilters();
var kernel = builder.Build();
var chat = kernel.GetRequiredService<IChatCompletionService>();

Console.WriteLine(settings.Offline
    ? $"== OFFLINE: no model endpoint; replaying {settings.TranscriptPath} with a scripted model"
    : $"== ONLINE: model {settings.Model} at {settings.BaseUrl}");
Console.WriteLine($"== guard: {(settings.Sidecar is null ? "in process" : $"sidecar at {settings.Sidecar} ({(settings.FailOpen ? "fail-open" : "fail-closed")})")}");

if (settings.Offline)
{
    foreach (var conversation in Transcript.Load(settings.TranscriptPath).Conversations)
    {
        Console.WriteLine();
        Console.WriteLine($"## {conversation.Title}");
        var session = new AgentSession(chat, kernel, realGuard);
        foreach (var turn in conversation.Turns)
        {
            scripted.Begin(turn);
            Console.WriteLine($"user> {turn.User}");
            await session.SayAsync(turn.User);
        }
    }

    return 0;
}

var current = new AgentSession(chat, kernel, realGuard);
Console.WriteLine("Type a message; /new starts a new conversation, /quit leaves.");
while (Console.ReadLine() is { } line && line != "/quit")
{
    if (line == "/new")
    {
        current = new AgentSession(chat, kernel, realGuard);
        Console.WriteLine("(new conversation)");
    }
    else if (line.Trim().Length > 0)
    {
        await current.SayAsync(line);
    }
}

return 0;
