using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// The dependency-injection registrations of chat clients and kernels in one compilation, and whether each carries
/// SidecarGuard: <c>services.AddChatClient(model).UseSidecarGuard()...</c> (or <c>AddKeyedChatClient</c>) for
/// <c>IChatClient</c>, <c>services.AddKernel().AddSidecarGuardFilters()</c> for <c>Kernel</c>, the guard call either
/// in the builder chain or on the local the builder was kept in. An injected <c>IChatClient</c> or <c>Kernel</c> is
/// guarded when the compilation registers that service (with that key) and every such registration is guarded.
/// Built once per compilation, from a syntactic prefilter (only trees that name a registration method are bound).
/// </summary>
internal sealed class ServiceRegistrations
{
    private static readonly ImmutableHashSet<string> RegistrationNames =
        ImmutableHashSet.Create("AddChatClient", "AddKeyedChatClient", "AddKernel");

    private readonly Dictionary<(ISymbol Service, string? Key), bool> _guarded;

    private ServiceRegistrations(Dictionary<(ISymbol, string?), bool> guarded) => _guarded = guarded;

    /// <summary>Whether every registration of <paramref name="service"/> under <paramref name="key"/> is guarded (and there is one).</summary>
    public bool IsGuarded(ITypeSymbol? service, string? key) =>
        service is not null && _guarded.TryGetValue((service.OriginalDefinition, key), out var guarded) && guarded;

    /// <summary>Reads the registrations of <paramref name="compilation"/>.</summary>
    public static ServiceRegistrations Collect(Compilation compilation, GuardSymbols symbols, CancellationToken cancellationToken)
    {
        var guarded = new Dictionary<(ISymbol, string?), bool>(new ServiceKeyComparer());
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = tree.GetText(cancellationToken).ToString();
            if (!RegistrationNames.Any(name => text.IndexOf(name, StringComparison.Ordinal) >= 0))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (NameOf(node.Expression) is not { } name || !RegistrationNames.Contains(name))
                {
                    continue;
                }

#pragma warning disable RS1030 // The model needs every tree's registrations before any call site is judged; bound once per compilation.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetOperation(node, cancellationToken) is not IInvocationOperation registration)
                {
                    continue;
                }

                if (Inspect(registration, symbols) is not { } found)
                {
                    continue;
                }

                var entry = (found.Service, found.Key);
                guarded[entry] = guarded.TryGetValue(entry, out var before) ? before && found.Guarded : found.Guarded;
            }
        }

        return new ServiceRegistrations(guarded);
    }

    /// <summary>
    /// What <paramref name="registration"/> registers (<c>IChatClient</c> or <c>Kernel</c>), under which key, and
    /// whether it carries the guard; null when it is not a chat client or kernel registration.
    /// </summary>
    public static (ISymbol Service, string? Key, bool Guarded)? Inspect(IInvocationOperation registration, GuardSymbols symbols)
    {
        if (!RegistrationNames.Contains(registration.TargetMethod.Name) || ServiceOf(registration, symbols) is not { } service)
        {
            return null;
        }

        var prefix = SymbolEqualityComparer.Default.Equals(service, symbols.Kernel) ? KernelConstruction.RegistrationPrefix : GuardSymbols.GuardMiddlewarePrefix;
        return (service, KeyOf(registration), ChainCalls(registration, prefix));
    }

    private static ISymbol? ServiceOf(IInvocationOperation registration, GuardSymbols symbols)
    {
        var returned = registration.TargetMethod.ReturnType;
        if (symbols.ChatClientBuilder is not null && SymbolEqualityComparer.Default.Equals(returned.OriginalDefinition, symbols.ChatClientBuilder))
        {
            return symbols.ChatClient;
        }

        return symbols.KernelBuilder is not null && symbols.Kernel is not null && SymbolRelations.IsAssignableTo(returned, symbols.KernelBuilder)
            ? symbols.Kernel
            : null;
    }

    /// <summary>The service key of a keyed registration (its first argument after the services), as text.</summary>
    private static string? KeyOf(IInvocationOperation registration)
    {
        if (!registration.TargetMethod.Name.StartsWith("AddKeyed", StringComparison.Ordinal))
        {
            return null;
        }

        var key = OperationShapes.SkipConversions(registration.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1)?.Value);
        return key is { ConstantValue.HasValue: true } ? KeyText(known: true, key.ConstantValue.Value) : KeyText(known: false, null);
    }

    /// <summary>A service key as the model compares keys: the constant's text, or a marker for a key it cannot read.</summary>
    public static string KeyText(bool known, object? value) => known ? value?.ToString() ?? "null" : "?";

    /// <summary>
    /// Whether a call named with <paramref name="prefix"/> follows <paramref name="registration"/> in its fluent chain,
    /// or is made on the local the chain's result is kept in, in the same method.
    /// </summary>
    private static bool ChainCalls(IInvocationOperation registration, string prefix)
    {
        IOperation current = registration;
        while (true)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation { IsImplicit: true })
            {
                current = parent;
                parent = parent.Parent;
            }

            var next = parent switch
            {
                IInvocationOperation call when call.Instance == current => call,
                IArgumentOperation { Parent: IInvocationOperation call } argument
                    when call.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0 => call,
                _ => null,
            };
            if (next is null)
            {
                break;
            }

            if (next.TargetMethod.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }

            current = next;
        }

        var local = current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        if (local is null)
        {
            return false;
        }

        var root = current;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.Descendants().OfType<IInvocationOperation>().Any(call =>
            call.TargetMethod.Name.StartsWith(prefix, StringComparison.Ordinal)
            && OperationShapes.SkipConversions(OperationShapes.GetReceiver(call)) is ILocalReferenceOperation receiver
            && SymbolEqualityComparer.Default.Equals(receiver.Local, local));
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };

    private sealed class ServiceKeyComparer : IEqualityComparer<(ISymbol Service, string? Key)>
    {
        public bool Equals((ISymbol Service, string? Key) x, (ISymbol Service, string? Key) y) =>
            SymbolEqualityComparer.Default.Equals(x.Service, y.Service) && string.Equals(x.Key, y.Key, StringComparison.Ordinal);

        public int GetHashCode((ISymbol Service, string? Key) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Service) * 397) ^ (obj.Key?.GetHashCode() ?? 0);
    }
}
