using static SidecarGuard.Analyzers.Tests.Rules.UnguardedRegistrationAnalyzerTests;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<SidecarGuard.Analyzers.Rules.UnguardedRegistrationAnalyzer, SidecarGuard.Analyzers.CodeFixes.AddGuardToRegistrationCodeFix>;

namespace SidecarGuard.Analyzers.Tests.CodeFixes;

public sealed class AddGuardToRegistrationCodeFixTests
{
    private static string WithUsing(string source, string ns) =>
        source.Replace("using Microsoft.Extensions.DependencyInjection;\n", "using Microsoft.Extensions.DependencyInjection;\nusing " + ns + ";\n", StringComparison.Ordinal);

    [Fact]
    public Task Puts_The_Middleware_First_In_The_Pipeline_And_Adds_The_Using() => Verify.VerifyAsync(
        Startup("""
                {|SG1005:services.AddChatClient(model)|}.UseFunctionInvocation();
        """),
        WithUsing(Startup("""
                services.AddChatClient(model).UseSidecarGuard().UseFunctionInvocation();
        """), "SidecarGuard.Extensions.AI"));

    [Fact]
    public Task Adds_The_Filters_To_A_Kernel_Registration() => Verify.VerifyAsync(
        Startup("""
                {|SG1005:services.AddKernel()|};
        """),
        WithUsing(Startup("""
                services.AddKernel().AddSidecarGuardFilters();
        """), "SidecarGuard.SemanticKernel"));

    [Fact]
    public Task Fix_All_Guards_Every_Registration_With_One_Using() => Verify.VerifyAsync(
        Startup("""
                {|SG1005:services.AddChatClient(model)|};
                {|SG1005:services.AddKeyedChatClient("a", model)|}.UseFunctionInvocation();
        """),
        WithUsing(Startup("""
                services.AddChatClient(model).UseSidecarGuard();
                services.AddKeyedChatClient("a", model).UseSidecarGuard().UseFunctionInvocation();
        """), "SidecarGuard.Extensions.AI"),
        fixAllSource: WithUsing(Startup("""
                services.AddChatClient(model).UseSidecarGuard();
                services.AddKeyedChatClient("a", model).UseSidecarGuard().UseFunctionInvocation();
        """), "SidecarGuard.Extensions.AI"));
}
