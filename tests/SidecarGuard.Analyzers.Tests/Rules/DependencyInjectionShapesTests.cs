using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.UnguardedChatCallAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>
/// SG1001 on the shapes applications are made of: clients and kernels registered in DI and injected, pipelines kept
/// in fields. Quiet where every registration that can supply the service carries the guard; a warning where one does not.
/// </summary>
public sealed class DependencyInjectionShapesTests
{
    private static string App(string registration, string service) => Usings + """
        using Microsoft.Extensions.DependencyInjection;
        using SidecarGuard.Extensions.AI;
        using SidecarGuard.SemanticKernel;

        public static class Startup
        {
            public static void Configure(IServiceCollection services, IChatClient model)
            {
        """ + registration + """

            }
        }

        """ + service;

    private const string InjectedService = """
        public sealed class Replier
        {
            private readonly IChatClient _chat;

            public Replier(IChatClient chat) => _chat = chat;

            public async Task Reply(string text)
            {
                await _chat.GetResponseAsync(text);
                await foreach (var update in _chat.GetStreamingResponseAsync(text)) { }
            }
        }
        """;

    [Fact]
    public Task Quiet_When_The_Only_Registered_Client_Is_Guarded() => Verify.VerifyAsync(App(
        "services.AddChatClient(model).UseSidecarGuard().UseFunctionInvocation();", InjectedService));

    [Fact]
    public Task Quiet_When_The_Builder_Kept_In_A_Local_Gets_The_Guard() => Verify.VerifyAsync(App("""
                var pipeline = services.AddChatClient(model);
                pipeline.UseSidecarGuard();
        """, InjectedService));

    [Fact]
    public Task Warns_When_The_Registered_Client_Has_No_Guard() => Verify.VerifyAsync(App(
        "services.AddChatClient(model).UseFunctionInvocation();", """
        public sealed class Replier
        {
            private readonly IChatClient _chat;

            public Replier(IChatClient chat) => _chat = chat;

            public Task Reply(string text) => {|SG1001:_chat.GetResponseAsync(text)|};
        }
        """));

    [Fact]
    public Task Warns_When_One_Of_Two_Registrations_Has_No_Guard() => Verify.VerifyAsync(App("""
                services.AddChatClient(model).UseSidecarGuard();
                services.AddChatClient(model);
        """, """
        public sealed class Replier(IChatClient chat)
        {
            public Task Reply(string text) => {|SG1001:chat.GetResponseAsync(text)|};
        }
        """));

    [Fact]
    public Task Warns_When_Nothing_In_The_Compilation_Registers_A_Client() => Verify.VerifyAsync(App("", """
        public sealed class Replier(IChatClient chat)
        {
            public Task Reply(string text) => {|SG1001:chat.GetResponseAsync(text)|};
        }
        """));

    [Fact]
    public Task Quiet_For_A_Primary_Constructor_Parameter_Of_A_Guarded_Registration() => Verify.VerifyAsync(App(
        "services.AddChatClient(model).UseSidecarGuard();", """
        public sealed class Replier(IChatClient chat)
        {
            public Task Reply(string text) => chat.GetResponseAsync(text);
        }
        """));

    [Fact]
    public Task Keyed_Clients_Are_Judged_By_Their_Own_Registration() => Verify.VerifyAsync(App("""
                services.AddKeyedChatClient("safe", model).UseSidecarGuard();
                services.AddKeyedChatClient("raw", model);
        """, """
        public sealed class Replier([FromKeyedServices("safe")] IChatClient safe, [FromKeyedServices("raw")] IChatClient raw)
        {
            public async Task Reply(string text)
            {
                await safe.GetResponseAsync(text);
                await {|SG1001:raw.GetResponseAsync(text)|};
            }
        }
        """));

    [Fact]
    public Task Quiet_When_An_Injected_Kernel_Comes_From_A_Kernel_With_The_Filters() => Verify.VerifyAsync(App(
        "services.AddKernel().AddSidecarGuardFilters();", """
        public sealed class Prompter(Kernel kernel)
        {
            public Task<FunctionResult> Ask(string text) => kernel.InvokePromptAsync(text);
        }
        """));

    [Fact]
    public Task Warns_When_An_Injected_Kernel_Comes_From_A_Kernel_Without_The_Filters() => Verify.VerifyAsync(App(
        "services.AddKernel();", """
        public sealed class Prompter(Kernel kernel)
        {
            public Task<FunctionResult> Ask(string text) => {|SG1001:kernel.InvokePromptAsync(text)|};
        }
        """));

    [Fact]
    public Task Quiet_When_A_Field_Holds_A_Pipeline_Built_With_The_Guard_In_The_Constructor() => Verify.VerifyAsync(Usings + """
        public sealed class Replier
        {
            private readonly IChatClient _chat;

            public Replier(IChatClient model) => _chat = SidecarGuard.Extensions.AI.SidecarGuardChatClientExtensions.UseSidecarGuard(model);

            public Task Reply(string text) => _chat.GetResponseAsync(text);
        }
        """);

    [Fact]
    public Task Warns_When_A_Field_Is_Also_Set_Outside_The_Constructor() => Verify.VerifyAsync(Usings + """
        public sealed class Replier
        {
            private IChatClient _chat;

            public Replier(IChatClient model) => _chat = SidecarGuard.Extensions.AI.SidecarGuardChatClientExtensions.UseSidecarGuard(model);

            public void Swap(IChatClient other) => _chat = other;

            public Task Reply(string text) => {|SG1001:_chat.GetResponseAsync(text)|};
        }
        """);

    [Fact]
    public Task Warns_When_A_Public_Settable_Property_Holds_The_Client() => Verify.VerifyAsync(Usings + """
        public sealed class Replier
        {
            public Replier(IChatClient model) => Chat = SidecarGuard.Extensions.AI.SidecarGuardChatClientExtensions.UseSidecarGuard(model);

            public IChatClient Chat { get; set; }

            public Task Reply(string text) => {|SG1001:Chat.GetResponseAsync(text)|};
        }
        """);

    private static string WithAssemblyAttribute(string attribute, string source) =>
        source.Replace("using SidecarGuard.SemanticKernel;\n", "using SidecarGuard.SemanticKernel;\n" + attribute + "\n", StringComparison.Ordinal);

    private const string Unregistered = """
        public sealed class Replier(IChatClient chat)
        {
            public Task Reply(string text) => chat.GetResponseAsync(text);
        }
        """;

    private const string UnregisteredWarns = """
        public sealed class Replier(IChatClient chat)
        {
            public Task Reply(string text) => {|SG1001:chat.GetResponseAsync(text)|};
        }
        """;

    [Fact]
    public Task EditorConfig_Can_Declare_Injected_Clients_Guarded_For_Wiring_It_Cannot_See() =>
        Verify.VerifyAsync(App("", Unregistered), "dotnet_code_quality.SG1001.injected_clients = guarded");

    [Fact]
    public Task EditorConfig_Can_Declare_Injected_Clients_Unguarded_Whatever_Is_Registered() =>
        Verify.VerifyAsync(App("services.AddChatClient(model).UseSidecarGuard();", UnregisteredWarns),
            "dotnet_code_quality.SG1001.injected_clients = unguarded");

    [Fact]
    public Task The_Assembly_Attribute_Declares_Injected_Clients_Guarded() =>
        Verify.VerifyAsync(WithAssemblyAttribute("[assembly: InjectedChatClientsGuarded]", App("", Unregistered)));

    [Fact]
    public Task The_Assembly_Attribute_Can_Declare_Injected_Clients_Unguarded() =>
        Verify.VerifyAsync(WithAssemblyAttribute("[assembly: InjectedChatClientsGuarded(false)]", App("services.AddChatClient(model).UseSidecarGuard();", UnregisteredWarns)));

    [Fact]
    public Task EditorConfig_Wins_Over_The_Assembly_Attribute() =>
        Verify.VerifyAsync(WithAssemblyAttribute("[assembly: InjectedChatClientsGuarded(false)]", App("", Unregistered)),
            "dotnet_code_quality.SG1001.injected_clients = guarded");
}
