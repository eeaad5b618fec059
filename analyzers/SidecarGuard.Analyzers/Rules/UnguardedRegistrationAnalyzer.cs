using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SidecarGuard.Analyzers.Internals;

namespace SidecarGuard.Analyzers.Rules;

/// <summary>
/// SG1005: a chat client registered for dependency injection without the guard middleware, or a kernel without the
/// guard filters. Every class that gets it injected would then be unguarded (and SG1001 says so at each of its calls);
/// this rule points at the one place to fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnguardedRegistrationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleDescriptors.RegistrationWithoutGuard);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        GuardSymbols.RegisterForChatCompilations(context, (compilationContext, symbols) =>
            compilationContext.RegisterOperationAction(operationContext => Analyze(operationContext, symbols), OperationKind.Invocation));
    }

    private static void Analyze(OperationAnalysisContext context, GuardSymbols symbols)
    {
        var registration = (IInvocationOperation)context.Operation;
        if (ServiceRegistrations.Inspect(registration, symbols) is not { Guarded: false } found)
        {
            return;
        }

        var what = SymbolEqualityComparer.Default.Equals(found.Service, symbols.Kernel) ? "a kernel" : "a chat client";
        context.ReportDiagnostic(Diagnostic.Create(RuleDescriptors.RegistrationWithoutGuard, registration.Syntax.GetLocation(),
            registration.TargetMethod.Name, what));
    }
}
