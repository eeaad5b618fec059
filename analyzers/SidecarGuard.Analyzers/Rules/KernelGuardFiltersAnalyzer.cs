using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SidecarGuard.Analyzers.Internals;

namespace SidecarGuard.Analyzers.Rules;

/// <summary>
/// SG1002: a kernel built in a type without SidecarGuard's filters and then used, in the same type, for prompts,
/// chat or agents. Each named type is analysed as a whole so a kernel built in a constructor and used in a method counts.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelGuardFiltersAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RuleDescriptors.KernelWithoutGuardFilters);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        GuardSymbols.RegisterForChatCompilations(context, (compilationContext, symbols) =>
        {
            if (symbols.Kernel is not null)
            {
                compilationContext.RegisterSymbolStartAction(symbolContext => AnalyzeType(symbolContext, symbols), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeType(SymbolStartAnalysisContext context, GuardSymbols symbols)
    {
        var constructions = new ConcurrentQueue<KernelConstruction>();
        var usedKernels = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        var usedConstructions = new ConcurrentDictionary<IOperation, bool>();

        context.RegisterOperationBlockAction(blockContext =>
        {
            foreach (var block in blockContext.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (KernelConstruction.TryCreateUnfiltered(operation, block, symbols) is { } construction)
                    {
                        constructions.Enqueue(construction);
                    }

                    foreach (var kernel in KernelUsage.GetChatKernels(operation, symbols))
                    {
                        var value = OperationShapes.SkipConversions(kernel);
                        if (KernelConstruction.GetReferencedSymbol(value) is { } symbol)
                        {
                            usedKernels[symbol] = true;
                        }
                        else if (value is not null)
                        {
                            usedConstructions[value] = true;
                        }
                    }
                }
            }
        });

        context.RegisterSymbolEndAction(endContext =>
        {
            foreach (var construction in constructions)
            {
                var used = usedConstructions.ContainsKey(construction.Operation)
                    || (construction.Target is not null && usedKernels.ContainsKey(construction.Target));
                if (used)
                {
                    endContext.ReportDiagnostic(Diagnostic.Create(RuleDescriptors.KernelWithoutGuardFilters, construction.Operation.Syntax.GetLocation()));
                }
            }
        });
    }
}
