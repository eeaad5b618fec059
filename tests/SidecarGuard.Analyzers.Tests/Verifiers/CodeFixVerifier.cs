using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SidecarGuard.Analyzers.Tests.Verifiers;

/// <summary>
/// Applies a code fix one diagnostic at a time and as fix-all (document, project, solution) and checks both produce
/// <c>fixedSource</c> (or <c>fixAllSource</c> when given), with no compiler errors.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null, string? fixAllSource = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.None,
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        var states = new List<SolutionState> { test.TestState, test.FixedState };
        if (fixAllSource is not null)
        {
            test.BatchFixedCode = fixAllSource;
            states.Add(test.BatchFixedState);
        }

        foreach (var state in states)
        {
            state.AdditionalReferences.AddRange(TestReferences.Runtime);
            state.AdditionalReferences.AddRange(TestReferences.ChatLibraries);
            state.AdditionalReferences.Add(TestReferences.Abstractions);
            state.Sources.Add(("Stubs.cs", TestSources.Stubs));
        }

        return test.RunAsync();
    }
}
