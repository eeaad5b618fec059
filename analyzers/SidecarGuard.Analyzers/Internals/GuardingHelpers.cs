using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// Methods of the compilation that count as a guard at their call sites: an ordinary method with a body in source
/// that evaluates the guard on every path to its return, so the caller continues only once the guard ran (and, when
/// the helper returns the verdict or a bool, SG1003 makes sure the caller does not drop it; a helper that throws on an
/// ended conversation needs nothing more). A helper that evaluates the guard on some paths only is not one. Each
/// method is summarised once per compilation; helpers calling helpers are followed <see cref="MaxDepth"/> deep.
/// </summary>
internal sealed class GuardingHelpers
{
    public const int MaxDepth = 3;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _summaries = new(SymbolEqualityComparer.Default);

    public GuardingHelpers(Compilation compilation) => _compilation = compilation;

    public bool IsGuardingHelper(IMethodSymbol method, GuardSymbols symbols, ConfiguredMethodNames configured, int depth)
    {
        if (depth <= 0 || method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsExtern
            || method.DeclaringSyntaxReferences.Length != 1 || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        if (depth == MaxDepth)
        {
            return _summaries.GetOrAdd(definition, m => Summarise(m, symbols, configured, depth));
        }

        return _summaries.TryGetValue(definition, out var known) ? known : Summarise(definition, symbols, configured, depth);
    }

    private bool Summarise(IMethodSymbol method, GuardSymbols symbols, ConfiguredMethodNames configured, int depth)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
#pragma warning disable RS1030 // A helper's body can be in any tree of the compilation; summarised once per method and cached.
        var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        if (model.GetOperation(syntax) is not IMethodBodyOperation body)
        {
            return false;
        }

        var graph = ControlFlowGraph.Create(body);
        return graph is not null && GuardFlowAnalysis.GuardsEveryPathToExit(graph, new Classifier(symbols, configured, depth - 1), CancellationToken.None);
    }

    private sealed class Classifier : IGuardEventClassifier
    {
        private readonly GuardSymbols _symbols;
        private readonly ConfiguredMethodNames _configured;
        private readonly int _depth;

        public Classifier(GuardSymbols symbols, ConfiguredMethodNames configured, int depth)
        {
            _symbols = symbols;
            _configured = configured;
            _depth = depth;
        }

        public bool IsExempt(IMethodSymbol function) => true;

        public bool IsGuard(IOperation operation) =>
            operation is IInvocationOperation invocation && _symbols.IsGuard(invocation.TargetMethod, _configured, _depth);

        public bool IsObligation(IOperation operation) => false;
    }
}
