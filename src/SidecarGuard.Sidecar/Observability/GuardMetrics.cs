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
    private readonly Histogram<double> _evaluationDuration;

    public GuardMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _turns = meter.CreateCounter<long>("sidecarguard.turns", "{turn}", "User turns evaluated, by action and top category.");
        _ends = meter.CreateCounter<long>("sidecarguard.ends", "{conversation}", "Conversations ended, by reason.");
        _refusedEnds = meter.CreateCounter<long>("sidecarguard.ends.refused", "{request}", "End requests the policy refused, by refusal.");
        _atRiskVetoes = meter.CreateCounter<long>("sidecarguard.at_risk.vetoes", "{decision}",
            "Decisions the at-risk veto made: turns answered SUPPORT and ends refused with AT_RISK_VETO.");
        _storeErrors = meter.CreateCounter<long>("sidecarguard.store.errors", "{error}", "Calls failed because the store was unavailable.");
        _evaluationDuration = meter.CreateHistogram<double>("sidecarguard.evaluation.duration", "s",
            "Time to evaluate one turn, store write included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void TurnEvaluated(TurnVerdict verdict, TimeSpan elapsed)
    {
        var action = ActionNames.Of(verdict.Action);
        var category = verdict.Categories.Count == 0 ? "none" : verdict.Categories.MaxBy(c => c.Score)!.Name;
        _turns.Add(1, new TagList { { "action", action }, { "category", category } });
        _evaluationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("action", action));
        if (verdict.Action == TurnAction.Support && !verdict.Replayed)
        {
            _atRiskVetoes.Add(1, new KeyValuePair<string, object?>("where", "turn"));
        }
    }

    public void Ended(EndReason reason) => _ends.Add(1, new KeyValuePair<string, object?>("reason", ActionNames.Of(reason) ?? "UNSPECIFIED"));

    public void EndRefused(string refusal)
    {
        _refusedEnds.Add(1, new KeyValuePair<string, object?>("refusal", refusal));
        if (refusal == "AT_RISK_VETO")
        {
            _atRiskVetoes.Add(1, new KeyValuePair<string, object?>("where", "end"));
        }
    }

    public void StoreError(string method) => _storeErrors.Add(1, new KeyValuePair<string, object?>("method", method));
}
