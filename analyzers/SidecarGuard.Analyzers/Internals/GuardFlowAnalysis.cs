using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// A must-analysis over a control flow graph: a point is guarded when every path from the start of its method,
/// lambda or local function to it evaluates the guard. Each lambda and local function is its own graph and starts
/// unguarded; an exception handler starts with the state its try block started with.
/// </summary>
internal static class GuardFlowAnalysis
{
    /// <summary>Graphs larger than this are skipped rather than slowing the build down.</summary>
    public const int MaxBlocks = 20_000;

    /// <summary>Reports, through <paramref name="report"/>, every obligation some path can reach unguarded.</summary>
    public static void Analyze(ControlFlowGraph graph, IGuardEventClassifier classifier, Action<IOperation> report, CancellationToken cancellationToken)
    {
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(graph);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = pending.Pop();
            AnalyzeSingle(current, classifier, report, cancellationToken, out var functions);
            foreach (var function in functions)
            {
                if (!classifier.IsExempt(function.Symbol))
                {
                    pending.Push(current.GetAnonymousFunctionControlFlowGraph(function, cancellationToken));
                }
            }

            foreach (var localFunction in current.LocalFunctions)
            {
                if (!classifier.IsExempt(localFunction))
                {
                    pending.Push(current.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken));
                }
            }
        }
    }

    /// <summary>
    /// True when every path from the start of <paramref name="graph"/> to its normal exit evaluates the guard: the
    /// method can only return to its caller after the guard ran (a guarding helper). False for graphs too large to
    /// analyse and for methods that never return normally.
    /// </summary>
    public static bool GuardsEveryPathToExit(ControlFlowGraph graph, IGuardEventClassifier classifier, CancellationToken cancellationToken)
    {
        var blocks = graph.Blocks;
        if (blocks.Length > MaxBlocks)
        {
            return false;
        }

        var functions = new List<IFlowAnonymousFunctionOperation>();
        var events = new ImmutableArray<GuardEvent>[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            events[i] = GuardEvent.Collect(blocks[i], classifier, functions);
        }

        var exit = blocks[blocks.Length - 1];
        return exit.Kind == BasicBlockKind.Exit && exit.IsReachable && ComputeEntryStates(blocks, events, cancellationToken)[exit.Ordinal];
    }

    private static void AnalyzeSingle(
        ControlFlowGraph graph,
        IGuardEventClassifier classifier,
        Action<IOperation> report,
        CancellationToken cancellationToken,
        out List<IFlowAnonymousFunctionOperation> functions)
    {
        functions = new List<IFlowAnonymousFunctionOperation>();
        var blocks = graph.Blocks;
        if (blocks.Length > MaxBlocks)
        {
            return;
        }

        var events = new ImmutableArray<GuardEvent>[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            events[i] = GuardEvent.Collect(blocks[i], classifier, functions);
        }

        var entryStates = ComputeEntryStates(blocks, events, cancellationToken);
        for (var i = 0; i < blocks.Length; i++)
        {
            if (!blocks[i].IsReachable)
            {
                continue;
            }

            var guarded = entryStates[i];
            foreach (var guardEvent in events[i])
            {
                if (guardEvent.IsGuard)
                {
                    guarded = true;
                }
                else if (!guarded)
                {
                    report(guardEvent.Operation);
                }
            }
        }
    }

    private static bool[] ComputeEntryStates(ImmutableArray<BasicBlock> blocks, ImmutableArray<GuardEvent>[] events, CancellationToken cancellationToken)
    {
        // Start from "guarded everywhere" and only ever lower states: each pass either changes a state or ends the loop.
        var entry = new bool[blocks.Length];
        var exit = new bool[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            entry[i] = i != 0;
            exit[i] = true;
        }

        var handlerTryEntries = new int[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            handlerTryEntries[i] = FindHandlerTryEntry(blocks[i]);
        }

        var changed = true;
        for (var pass = 0; changed && pass <= blocks.Length + 1; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            for (var i = 0; i < blocks.Length; i++)
            {
                var state = i != 0 && MeetOfPredecessors(blocks[i], exit, entry, handlerTryEntries[i]);
                var after = state || ContainsGuard(events[i]);
                if (state != entry[i] || after != exit[i])
                {
                    entry[i] = state;
                    exit[i] = after;
                    changed = true;
                }
            }
        }

        return entry;
    }

    private static bool MeetOfPredecessors(BasicBlock block, bool[] exit, bool[] entry, int handlerTryEntry)
    {
        var result = true;
        foreach (var branch in block.Predecessors)
        {
            result &= exit[branch.Source.Ordinal];
        }

        // An exception can leave the try block anywhere, so a handler can only rely on what held when the try began.
        if (handlerTryEntry >= 0)
        {
            result &= entry[handlerTryEntry];
        }

        return result;
    }

    private static int FindHandlerTryEntry(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null && region.FirstBlockOrdinal == block.Ordinal; region = region.EnclosingRegion)
        {
            if (region.Kind is not (ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally))
            {
                continue;
            }

            var owner = region.EnclosingRegion;
            if (owner?.Kind == ControlFlowRegionKind.FilterAndHandler)
            {
                owner = owner.EnclosingRegion;
            }

            if (owner is null)
            {
                return -1;
            }

            foreach (var nested in owner.NestedRegions)
            {
                if (nested.Kind == ControlFlowRegionKind.Try)
                {
                    return nested.FirstBlockOrdinal;
                }
            }
        }

        return -1;
    }

    private static bool ContainsGuard(ImmutableArray<GuardEvent> events)
    {
        foreach (var guardEvent in events)
        {
            if (guardEvent.IsGuard)
            {
                return true;
            }
        }

        return false;
    }
}
