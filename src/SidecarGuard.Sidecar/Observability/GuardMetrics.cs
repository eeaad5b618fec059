using V1 = SidecarGuard.Contracts.V1;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SidecarGuard.Sidecar.Replay;

namespace SidecarGuard.Sidecar.Observability;

/// <summary>
/// The sidecar's instruments on the "SidecarGuard" meter. Tags carry actions, categories and reasons only, never
/// conversation ids or text, so series stay few and nothing personal leaves the process.
/// </summary>
internal sealed class GuardMetrics
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "SidecarGuard";

    private readonly Counter<long> _turns;
    private readonly Counter<long> _ends;
    private readonly Counter<long> _refusedEnds;
    private readonly Counter<long> _atRiskVetoes;
    private readonly Counter<long> _storeErrors;
    private readonly Counter<long> _policyReloads;
    private readonly Counter<long> _turnsAfterEnd;
    private readonly Counter<long> _replayedTurns;
    private readonly Histogram<double> _evaluationDuration;

    public GuardMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _turns = meter.CreateCounter<long>("sidecarguard.turns", "{turn}", "User turns evaluated, by action and top category (retries and turns after an end are counted apart).");
        _ends = meter.CreateCounter<long>("sidecarguard.ends", "{conversation}", "Conversations ended, by reason.");
        _refusedEnds = meter.CreateCounter<long>("sidecarguard.ends.refused", "{request}", "End requests the policy refused, by refusal.");
        _atRiskVetoes = meter.CreateCounter<long>("sidecarguard.at_risk.vetoes", "{decision}",
            "Decisions the at-risk veto made: turns answered SUPPORT and ends refused with AT_RISK_VETO.");
        _storeErrors = meter.CreateCounter<long>("sidecarguard.store.errors", "{error}", "Calls failed because the store was unavailable.");
        _policyReloads = meter.CreateCounter<long>("sidecarguard.policy.reloads", "{reload}",
            "Changes of the policy file, by outcome (applied or rejected).");
        _turnsAfterEnd = meter.CreateCounter<long>("sidecarguard.turns.after_end", "{turn}",
            "Turns sent to conversations that had already ended; they change nothing and are not stored.");
        _replayedTurns = meter.CreateCounter<long>("sidecarguard.turns.replayed", "{turn}",
            "Retries of a turn already evaluated (same turn_id), answered from the recorded verdict.");
        _evaluationDuration = meter.CreateHistogram<double>("sidecarguard.evaluation.duration", "s",
            "Time to evaluate one turn, store write included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void TurnEvaluated(TurnVerdict verdict, TimeSpan elapsed)
    {
        var action = ActionNames.Of(verdict.Action);
        _evaluationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("action", action));
        if (verdict.Replayed)
        {
            _replayedTurns.Add(1);
            return;
        }

        if (verdict.Action == TurnAction.Ended)
        {
            _turnsAfterEnd.Add(1);
            return;
        }

        var category = verdict.Categories.Count == 0 ? "none" : verdict.Categories.MaxBy(c => c.Score)!.Name;
        _turns.Add(1, new TagList { { "action", action }, { "category", category } });
        if (verdict.Action == TurnAction.Support)
        {
            _atRiskVetoes.Add(1, new KeyValuePair<string, object?>("where", "turn"));
        }
    }

    public void Ended(EndReason reason) => _ends.Add(1, new KeyValuePair<string, object?>("reason", ActionNames.Of(reason) ?? "UNSPECIFIED"));

    public void EndRefused(string refusal)
    {
        _refusedEnds.Add(1, new KeyValuePair<string, object?>("refusal", refusal));
        if (refusal == Grpc.ErrorReasons.Of(V1.ErrorReason.AtRiskVeto))
        {
            _atRiskVetoes.Add(1, new KeyValuePair<string, object?>("where", "end"));
        }
    }

    public void PolicyReload(bool applied) =>
        _policyReloads.Add(1, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "rejected"));

    public void StoreError(string method) => _storeErrors.Add(1, new KeyValuePair<string, object?>("method", method));
}
