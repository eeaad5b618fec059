using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.UnguardedRegistrationAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>SG1005: registrations that give out an unguarded chat client or kernel.</summary>
public sealed class UnguardedRegistrationAnalyzerTests
{
    internal static string Startup(string body) => Usings + """
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services, IChatClient model)
            {
        """ + body + """

            }
        }
        """;

    [Fact]
    public Task Warns_On_A_Chat_Client_Without_The_Middleware() => Verify.VerifyAsync(Startup("""
                {|SG1005:services.AddChatClient(model)|}.UseFunctionInvocation();
                {|SG1005:services.AddKeyedChatClient("raw", model)|};
        """));

    [Fact]
    public Task Warns_On_A_Kernel_Without_The_Filters() => Verify.VerifyAsync(Startup("""
                {|SG1005:services.AddKernel()|};
        """));

    [Fact]
    public Task Quiet_When_The_Guard_Is_In_The_Chain_Or_On_The_Builder_Variable() => Verify.VerifyAsync(Startup("""
                SidecarGuard.Extensions.AI.SidecarGuardChatClientBuilderExtensions.UseSidecarGuard(services.AddChatClient(model)).UseFunctionInvocation();
                var keyed = services.AddKeyedChatClient("safe", model);
                SidecarGuard.Extensions.AI.SidecarGuardChatClientBuilderExtensions.UseSidecarGuard(keyed);
                SidecarGuard.SemanticKernel.SidecarGuardKernelBuilderExtensions.AddSidecarGuardFilters(services.AddKernel());
        """));
}
