using System.Collections.Generic;
using System.Linq;
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
    /// <summary>How many times the assignments are read at most (each round follows one more local-to-local step).</summary>
    private const int MaxRounds = 4;

    private readonly Dictionary<ILocalSymbol, bool> _onlyGuarded;

    private GuardedLocals(Dictionary<ILocalSymbol, bool> onlyGuarded) => _onlyGuarded = onlyGuarded;

    /// <summary>
    /// Reads every assignment of the method's locals. A local may be made from another (<c>var agent =
    /// client.AsAIAgent()</c>), so the reading repeats, each time knowing the locals found guarded the time before,
    /// until nothing changes (a few rounds: chains of locals are short).
    /// </summary>
    public static GuardedLocals Collect(IOperation root, GuardSymbols symbols, bool? injectedClientsGuarded)
    {
        var assignments = new List<(ILocalSymbol Local, IOperation Value)>();
        foreach (var operation in root.DescendantsAndSelf())
        {
            var (local, value) = operation switch
            {
                IVariableDeclaratorOperation { Initializer: { } initializer } declarator => (declarator.Symbol, initializer.Value),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment => (target.Local, assignment.Value),
                _ => (null, null),
            };
            if (local is not null && value is not null)
            {
                assignments.Add((local, value));
            }
        }

        var known = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
        for (var round = 0; round < MaxRounds; round++)
        {
            var onlyGuarded = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            foreach (var (local, value) in assignments)
            {
                var guarded = symbols.IsGuardedValue(value, injectedClientsGuarded, l => known.TryGetValue(l, out var g) && g);
                onlyGuarded[local] = onlyGuarded.TryGetValue(local, out var before) ? before && guarded : guarded;
            }

            var changed = onlyGuarded.Count != known.Count || onlyGuarded.Any(p => !known.TryGetValue(p.Key, out var g) || g != p.Value);
            known = onlyGuarded;
            if (!changed)
            {
                break;
            }
        }

        return new GuardedLocals(known);
    }


    public bool IsGuarded(ILocalSymbol local) => _onlyGuarded.TryGetValue(local, out var guarded) && guarded;
}
