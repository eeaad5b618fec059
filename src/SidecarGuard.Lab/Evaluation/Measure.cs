namespace SidecarGuard.Lab.Evaluation;

/// <summary>
/// A binary question asked of every row of a data set: which rows are positives (<see cref="Truth"/> true), which
/// are negatives (false) and which do not count (null), and what counts as flagged.
/// </summary>
/// <param name="Name">Short label shown in reports.</param>
/// <param name="Truth">Positive, negative or not counted.</param>
/// <param name="Outcome">What the detector must do with a positive.</param>
/// <param name="Target">The quality target, when the issue sets one.</param>
/// <param name="Counts">
/// When set, only rows whose judgement passes it count (for example follow-ups whose earlier turn was flagged): a
/// question about what the judge does after its own earlier verdict.
/// </param>
internal sealed record Measure(string Name, Func<EvalItem, bool?> Truth, Outcome Outcome, Target? Target = null,
    Func<TurnJudgement, bool>? Counts = null)
{
    /// <summary><see cref="Truth"/> of <paramref name="item"/>, or null when <see cref="Counts"/> leaves the row out.</summary>
    public bool? TruthOf(EvalItem item, in TurnJudgement judgement) =>
        Counts is null || Counts(judgement) ? Truth(item) : null;
}

/// <summary>A quality target: minimum recall, minimum clean rate on negatives (1 − false-flag rate) and/or minimum F1.</summary>
internal sealed record Target(double? Recall = null, double? Clean = null, double? F1 = null)
{
    /// <summary>Readable form such as "recall ≥ 90%, clean ≥ 97%".</summary>
    public override string ToString() => string.Join(", ", new[]
    {
        Recall is { } r ? FormattableString.Invariant($"recall>={r * 100:0}%") : null,
        Clean is { } c ? FormattableString.Invariant($"clean>={c * 100:0}%") : null,
        F1 is { } f ? FormattableString.Invariant($"F1>={f:0.00}") : null,
    }.Where(s => s is not null));
}
