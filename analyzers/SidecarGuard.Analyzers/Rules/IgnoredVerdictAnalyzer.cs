using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SidecarGuard.Analyzers.Internals;

namespace SidecarGuard.Analyzers.Rules;

/// <summary>
/// SG1003: the result of a guard evaluation is thrown away (an expression statement, awaited or not), so nothing can
/// act on an ENDED verdict. An explicit discard (<c>_ = ...</c>) is taken as a deliberate choice and stays quiet.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IgnoredVerdictAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RuleDescriptors.IgnoredVerdict);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        GuardSymbols.RegisterForChatCompilations(context, (compilationContext, symbols) =>
            compilationContext.RegisterOperationAction(
                operationContext => AnalyzeStatement(operationContext, symbols),
                OperationKind.ExpressionStatement));
    }

    private static void AnalyzeStatement(OperationAnalysisContext context, GuardSymbols symbols)
    {
        var statement = (IExpressionStatementOperation)context.Operation;
        if (FindDiscardedCall(statement.Operation) is not { } invocation)
        {
            return;
        }

        // Most statements are calls that return nothing to act on; they leave before the configuration is read.
        var method = invocation.TargetMethod;
        if (!ReturnsVerdict(method, symbols)
            || !symbols.IsDeclaredGuard(method, symbols.GetConfiguredNames(context.Options, statement.Syntax.SyntaxTree)))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(RuleDescriptors.IgnoredVerdict, statement.Syntax.GetLocation(), method.Name));
    }

    /// <summary>Finds the call whose value the statement drops: <c>g.Evaluate()</c>, <c>await g.EvaluateAsync()</c>, with ConfigureAwait.</summary>
    internal static IInvocationOperation? FindDiscardedCall(IOperation operation)
    {
        if (operation is IAwaitOperation awaited)
        {
            operation = awaited.Operation;
        }

        while (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable })
        {
            operation = awaitable;
        }

        return OperationShapes.SkipConversions(operation) as IInvocationOperation;
    }

    /// <summary>True when the method hands back something to act on: not void, nor a bare Task or ValueTask.</summary>
    internal static bool ReturnsVerdict(IMethodSymbol method, GuardSymbols symbols)
    {
        if (method.ReturnsVoid)
        {
            return false;
        }

        var returnType = method.ReturnType.OriginalDefinition;
        return !SymbolEqualityComparer.Default.Equals(returnType, symbols.Task)
            && !SymbolEqualityComparer.Default.Equals(returnType, symbols.ValueTask);
    }
}
