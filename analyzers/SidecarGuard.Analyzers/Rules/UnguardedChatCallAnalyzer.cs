using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SidecarGuard.Analyzers.Internals;

namespace SidecarGuard.Analyzers.Rules;

/// <summary>
/// SG1001 and SG1004: every chat call, and every call to a method marked [RequiresConversationGuard], must be
/// preceded by a guard evaluation on every control-flow path of its method, lambda or local function.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnguardedChatCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RuleDescriptors.UnguardedChatCall, RuleDescriptors.UnguardedGuardRequiringCall);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        GuardSymbols.RegisterForChatCompilations(context, (compilationContext, symbols) =>
            compilationContext.RegisterOperationBlockAction(blockContext => AnalyzeBlock(blockContext, symbols)));
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, GuardSymbols symbols)
    {
        // A method that moved its obligation to its callers may call chat APIs freely, lambdas included.
        if (context.OwningSymbol is IMethodSymbol owner && symbols.RequiresGuard(owner))
        {
            return;
        }

        foreach (var block in context.OperationBlocks)
        {
            if (!HasControlFlowGraph(block))
            {
                continue;
            }

            var configured = symbols.GetConfiguredNames(context.Options, block.Syntax.SyntaxTree);
            var classifier = new GuardEventClassifier(symbols, configured, GuardedLocals.Collect(block, symbols, configured.InjectedClientsGuarded));
            var graph = context.GetControlFlowGraph(block);
            GuardFlowAnalysis.Analyze(graph, classifier, operation => Report(context, symbols, operation), context.CancellationToken);
        }
    }

    private static bool HasControlFlowGraph(IOperation block) =>
        block.Kind is OperationKind.Block or OperationKind.MethodBody or OperationKind.ConstructorBody
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.ParameterInitializer;

    private static void Report(OperationBlockAnalysisContext context, GuardSymbols symbols, IOperation operation)
    {
        var method = GuardEventClassifier.GetTargetMethod(operation);
        if (method is null)
        {
            return;
        }

        var descriptor = symbols.RequiresGuard(method) ? RuleDescriptors.UnguardedGuardRequiringCall : RuleDescriptors.UnguardedChatCall;
        var name = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(descriptor, operation.Syntax.GetLocation(), name));
    }

    private sealed class GuardEventClassifier : IGuardEventClassifier
    {
        private readonly GuardSymbols _symbols;
        private readonly ConfiguredMethodNames _configured;
        private readonly GuardedLocals _guardedLocals;

        public GuardEventClassifier(GuardSymbols symbols, ConfiguredMethodNames configured, GuardedLocals guardedLocals)
        {
            _symbols = symbols;
            _configured = configured;
            _guardedLocals = guardedLocals;
        }

        public static IMethodSymbol? GetTargetMethod(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        public bool IsExempt(IMethodSymbol function) => _symbols.RequiresGuard(function);

        public bool IsGuard(IOperation operation) =>
            operation is IInvocationOperation invocation && _symbols.IsGuard(invocation.TargetMethod, _configured);

        public bool IsObligation(IOperation operation)
        {
            var method = GetTargetMethod(operation);
            if (method is null)
            {
                return false;
            }

            if (_symbols.RequiresGuard(method))
            {
                return true;
            }

            return operation is IInvocationOperation invocation && _symbols.IsChatSink(invocation, _configured, _guardedLocals);
        }
    }
}
