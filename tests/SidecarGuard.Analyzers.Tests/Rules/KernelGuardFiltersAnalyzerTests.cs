using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.KernelGuardFiltersAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>SG1002: kernels used for chat must be built with SidecarGuard's filters.</summary>
public sealed class KernelGuardFiltersAnalyzerTests
{
    private const string ServiceRegistration = """

        namespace SidecarGuard.Hosting
        {
            public static class SidecarGuardServiceCollectionExtensions
            {
                public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddSidecarGuardFilters(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services;
            }
        }
        """;

    [Fact]
    public Task Warns_When_Built_Kernel_Runs_Prompt() => Verify.VerifyAsync(InChatClass("""
            public async Task Run()
            {
                var built = {|SG1002:Kernel.CreateBuilder().Build()|};
                await built.InvokePromptAsync("hello");
            }
        """));

    [Fact]
    public Task Warns_When_Builder_Local_Never_Gets_Filters() => Verify.VerifyAsync(InChatClass("""
            public async Task Run()
            {
                var builder = Kernel.CreateBuilder();
                var built = {|SG1002:builder.Build()|};
                await foreach (var chunk in built.InvokePromptStreamingAsync("hello")) { }
            }
        """));

    [Fact]
    public Task Warns_When_Field_Kernel_Built_In_Constructor_Is_Used_Elsewhere() => Verify.VerifyAsync(Usings + """
        public class Assistant
        {
            private readonly Kernel built;

            public Assistant() => built = {|SG1002:Kernel.CreateBuilder().Build()|};

            public Task<FunctionResult> Ask(string text) => built.InvokePromptAsync(text);
        }
        """);

    [Fact]
    public Task Warns_When_New_Kernel_Runs_Prompt() => Verify.VerifyAsync(InChatClass("""
            public async Task Run()
            {
                var bare = {|SG1002:new Kernel()|};
                await bare.InvokePromptAsync("hello");
            }
        """));

    [Fact]
    public Task Warns_When_Kernel_Given_To_Agent() => Verify.VerifyAsync(InChatClass("""
            public Microsoft.SemanticKernel.Agents.Agent CreateAgent()
            {
                var agentKernel = {|SG1002:Kernel.CreateBuilder().Build()|};
                return new Microsoft.SemanticKernel.Agents.ChatCompletionAgent { Name = "helper", Kernel = agentKernel };
            }
        """));

    [Fact]
    public Task Warns_When_Chat_Service_Taken_From_Kernel() => Verify.VerifyAsync(InChatClass("""
            public IChatCompletionService Service()
            {
                var built = {|SG1002:Kernel.CreateBuilder().Build()|};
                return built.GetRequiredService<IChatCompletionService>();
            }
        """));

    [Fact]
    public Task Warns_When_Built_Kernel_Is_Used_Directly() => Verify.VerifyAsync(InChatClass("""
            public Task<FunctionResult> Run(string text) => {|SG1002:Kernel.CreateBuilder().Build()|}.InvokePromptAsync(text);
        """));

    [Fact]
    public Task Quiet_When_Filters_In_Builder_Chain() => Verify.VerifyAsync(Usings + """
        using SidecarGuard.SemanticKernel;

        public class Assistant
        {
            public async Task Run()
            {
                var built = Kernel.CreateBuilder().AddSidecarGuardFilters().Build();
                await built.InvokePromptAsync("hello");
            }
        }
        """);

    [Fact]
    public Task Quiet_When_Filters_Added_To_Builder_Local() => Verify.VerifyAsync(Usings + """
        using SidecarGuard.SemanticKernel;

        public class Assistant
        {
            public async Task Run()
            {
                var builder = Kernel.CreateBuilder();
                builder.AddSidecarGuardFilters();
                var built = builder.Build();
                await built.InvokePromptAsync("hello");
            }
        }
        """);

    [Fact]
    public Task Quiet_When_Filters_Registered_On_Builder_Services() => Verify.VerifyAsync(Usings + """
        using SidecarGuard.Hosting;

        public class Assistant
        {
            public async Task Run()
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSidecarGuardFilters();
                var built = builder.Build();
                await built.InvokePromptAsync("hello");
            }
        }
        """ + ServiceRegistration);

    [Fact]
    public Task Quiet_When_Kernel_Is_Only_Returned() => Verify.VerifyAsync(InChatClass("""
            public Kernel Create() => Kernel.CreateBuilder().Build();
        """));

    [Fact]
    public Task Quiet_When_Builder_Comes_From_Caller() => Verify.VerifyAsync(InChatClass("""
            public async Task Run(IKernelBuilder builder)
            {
                var built = builder.Build();
                await built.InvokePromptAsync("hello");
            }
        """));

    [Fact]
    public Task Quiet_When_New_Kernel_Gets_Services_From_Caller() => Verify.VerifyAsync(InChatClass("""
            public async Task Run(IServiceProvider services)
            {
                var built = new Kernel(services);
                await built.InvokePromptAsync("hello");
            }
        """));

    [Fact]
    public Task Quiet_When_Kernel_Used_Only_For_Plugins() => Verify.VerifyAsync(InChatClass("""
            public int Count()
            {
                var built = Kernel.CreateBuilder().Build();
                return built.Plugins.Count;
            }
        """));
}
