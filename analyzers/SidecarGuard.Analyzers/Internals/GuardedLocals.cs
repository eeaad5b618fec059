using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// The locals of one method that only ever hold a guarded chat client or service, such as
/// <c>IChatClient chat = new GuardedChatClient(inner);</c> or a client built with a <c>UseSidecarGuard...</c> middleware.
/// Calls through them are already guarded.
/// </summary>
internal sealed class GuardedLocals
{
    private readonly Dictionary<ILocalSymbol, bool> _onlyGuarded;

    private GuardedLocals(Dictionary<ILocalSymbol, bool> onlyGuarded) => _onlyGuarded = onlyGuarded;

    public static GuardedLocals Collect(IOperation root, GuardSymbols symbols, bool? injectedClientsGuarded)
    {
        var onlyGuarded = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
        foreach (var operation in root.DescendantsAndSelf())
        {
            var (local, value) = operation switch
            {
                IVariableDeclaratorOperation { Initializer: { } initializer } declarator => (declarator.Symbol, initializer.Value),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment => (target.Local, assignment.Value),
                _ => (null, null),
            };
            if (local is null || value is null)
            {
                continue;
            }

            var guarded = symbols.IsGuardedValue(value, injectedClientsGuarded);
            onlyGuarded[local] = onlyGuarded.TryGetValue(local, out var before) ? before && guarded : guarded;
        }

        return new GuardedLocals(onlyGuarded);
    }

    public bool IsGuarded(ILocalSymbol local) => _onlyGuarded.TryGetValue(local, out var guarded) && guarded;
}
