using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<SidecarGuard.Analyzers.Rules.KernelGuardFiltersAnalyzer, SidecarGuard.Analyzers.CodeFixes.AddGuardFiltersCodeFix>;

namespace SidecarGuard.Analyzers.Tests.CodeFixes;

public sealed class AddGuardFiltersCodeFixTests
{
    [Fact]
    public Task Adds_Filters_Before_Build_And_The_Using() => Verify.VerifyAsync(
        Usings + """
        public class Assistant
        {
            public async Task Run()
            {
                var built = {|SG1002:Kernel.CreateBuilder().Build()|};
                await built.InvokePromptAsync("hello");
            }
        }
        """,
        Usings.Replace("using SidecarGuard;\n", "using SidecarGuard;\nusing SidecarGuard.SemanticKernel;\n", StringComparison.Ordinal) + """
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
    public Task Fix_All_Fixes_Every_Builder_With_One_Using() => Verify.VerifyAsync(
        Usings + """
        public class Assistant
        {
            private readonly Kernel shared;

            public Assistant()
            {
                var builder = Kernel.CreateBuilder();
                shared = {|SG1002:builder.Build()|};
            }

            public async Task Run()
            {
                var local = {|SG1002:Kernel.CreateBuilder().Build()|};
                await local.InvokePromptAsync("hello");
                await shared.InvokePromptAsync("hello");
            }
        }
        """,
        Usings.Replace("using SidecarGuard;\n", "using SidecarGuard;\nusing SidecarGuard.SemanticKernel;\n", StringComparison.Ordinal) + """
        public class Assistant
        {
            private readonly Kernel shared;

            public Assistant()
            {
                var builder = Kernel.CreateBuilder();
                shared = builder.AddSidecarGuardFilters().Build();
            }

            public async Task Run()
            {
                var local = Kernel.CreateBuilder().AddSidecarGuardFilters().Build();
                await local.InvokePromptAsync("hello");
                await shared.InvokePromptAsync("hello");
            }
        }
        """);
}
