using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Extensions.AI;

namespace AnalyzerConsumer;

// The shape of an ASP.NET or worker app: clients registered in DI, services that get them injected.
// Lines marked "expect" are asserted by AnalyzerConsumerBuildTests; keep them where they are.
public static class Registrations
{
    public static IServiceCollection AddChat(this IServiceCollection services, IChatClient model)
    {
        services.AddKeyedChatClient("guarded", model).UseSidecarGuard().UseFunctionInvocation();
        services.AddKeyedChatClient("raw", model).UseFunctionInvocation(); // expect SG1005
        return services;
    }
}

public sealed class GuardedReplier([FromKeyedServices("guarded")] IChatClient chat)
{
    public Task<ChatResponse> Reply(string text) => chat.GetResponseAsync(text);
}

public sealed class RawReplier([FromKeyedServices("raw")] IChatClient chat)
{
    public Task<ChatResponse> Reply(string text) => chat.GetResponseAsync(text); // expect SG1001
}

public sealed class PipelineInAField
{
    private readonly IChatClient _chat;

    public PipelineInAField(IChatClient model) => _chat = new ChatClientBuilder(model).UseSidecarGuard().Build();

    public Task<ChatResponse> Reply(string text) => _chat.GetResponseAsync(text);
}
