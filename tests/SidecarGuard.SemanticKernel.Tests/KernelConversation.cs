using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SidecarGuard.Tests.Shared;

namespace SidecarGuard.SemanticKernel.Tests;

/// <summary>
/// A Kernel with the guard filters, whose chat service is the scripted model behind Semantic Kernel's own
/// function-invoking client (so end_conversation runs through the real auto-function loop and filters).
/// </summary>
internal sealed class KernelConversation
{
    private readonly ChatHistory _history = [];

    public KernelConversation(IConversationGuard guard, ScriptedChatClient model, bool decorate = false)
    {
        var service = new ChatClientBuilder(model).UseKernelFunctionInvocation().Build().AsChatCompletionService();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(guard);
        builder.Services.AddSingleton<IChatCompletionService>(decorate ? new GuardedChatCompletionService(service, guard) : service);
        builder.AddSidecarGuardFilters();
        Kernel = builder.Build();
        ChatService = Kernel.GetRequiredService<IChatCompletionService>();
    }

    public string ConversationId { get; } = "sk-" + Guid.NewGuid().ToString("N");

    public Kernel Kernel { get; }

    public IChatCompletionService ChatService { get; }

    public ChatHistory History => _history;

    private static PromptExecutionSettings AutoTools() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    /// <summary>One turn as a prompt invocation through the Kernel (the filters judge it).</summary>
    public async Task<FunctionResult> PromptAsync(string userText) =>
        await Kernel.InvokePromptAsync("{{$input}}", new KernelArguments(AutoTools())
        {
            ["input"] = userText,
            [SidecarGuardKernelArguments.ConversationId] = ConversationId,
            [SidecarGuardKernelArguments.UserText] = userText,
        });

    /// <summary>One turn through the chat service with a ChatHistory (the decorator judges it, if present).</summary>
    public async Task<ChatMessageContent> ChatAsync(string userText)
    {
        _history.AddUserMessage(userText);
        var settings = AutoTools();
        settings.ExtensionData = new Dictionary<string, object> { [SidecarGuardKernelArguments.ConversationId] = ConversationId };
        var reply = await ChatService.GetChatMessageContentAsync(_history, settings, Kernel);
        _history.Add(reply);
        return reply;
    }
}
