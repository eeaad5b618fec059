using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SidecarGuard.Analyzers.Tests.Verifiers;

/// <summary>Runs one analyzer over test code marked up with the expected diagnostics (<c>{|SG1001:...|}</c>).</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies against the real SK, M.E.AI and SidecarGuard assemblies plus the stubs.</summary>
    public static Task VerifyAsync(string source, string? editorConfig = null)
    {
        var test = Create(source, withChatLibraries: true);
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
        }

        return test.RunAsync();
    }

    /// <summary>Verifies a compilation that references neither Semantic Kernel nor Microsoft.Extensions.AI.</summary>
    public static Task VerifyWithoutChatLibrariesAsync(string source) => Create(source, withChatLibraries: false).RunAsync();

    private static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(string source, bool withChatLibraries)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.None,
            TestCode = source,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.Runtime);
        test.TestState.AdditionalReferences.Add(TestReferences.Abstractions);
        if (withChatLibraries)
        {
            test.TestState.AdditionalReferences.AddRange(TestReferences.ChatLibraries);
            test.TestState.Sources.Add(("Stubs.cs", TestSources.Stubs));
        }

        return test;
    }
}
