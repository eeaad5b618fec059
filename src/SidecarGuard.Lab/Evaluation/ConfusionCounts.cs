namespace SidecarGuard.Lab.Evaluation;

/// <summary>Flagged and not-flagged counts of a measure's positives and negatives, with the usual rates.</summary>
internal readonly record struct ConfusionCounts(int TruePositives, int FalseNegatives, int FalsePositives, int TrueNegatives)
{
    public int Positives => TruePositives + FalseNegatives;

    public int Negatives => FalsePositives + TrueNegatives;

    /// <summary>Share of positives flagged; null without positives.</summary>
    public double? Recall => Positives == 0 ? null : (double)TruePositives / Positives;

    /// <summary>Share of negatives flagged; null without negatives.</summary>
    public double? FalseFlagRate => Negatives == 0 ? null : (double)FalsePositives / Negatives;

    /// <summary>Share of negatives left alone; null without negatives.</summary>
    public double? CleanRate => Negatives == 0 ? null : 1 - FalseFlagRate;

    /// <summary>Share of flagged rows that are positives; null when nothing was flagged.</summary>
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Harmonic mean of precision and recall; null unless there are both positives and negatives.</summary>
    public double? F1 => Positives == 0 || Negatives == 0
        ? null
        : TruePositives == 0 ? 0 : 2.0 * TruePositives / (2.0 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>Adds one row: its truth and whether it was flagged.</summary>
    public ConfusionCounts Add(bool positive, bool flagged) => (positive, flagged) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (true, false) => this with { FalseNegatives = FalseNegatives + 1 },
        (false, true) => this with { FalsePositives = FalsePositives + 1 },
        _ => this with { TrueNegatives = TrueNegatives + 1 },
    };

    /// <summary>Whether these counts meet <paramref name="target"/>; null when the counts cannot tell.</summary>
    public bool? Meets(Target target)
    {
        var checks = new List<bool?>();
        if (target.Recall is { } r)
        {
            checks.Add(Recall is { } recall ? recall >= r : null);
        }

        if (target.Clean is { } c)
        {
            checks.Add(CleanRate is { } clean ? clean >= c : null);
        }

        if (target.F1 is { } f)
        {
            checks.Add(F1 is { } f1 ? f1 >= f : null);
        }

        return checks.Any(v => v is null) ? null : checks.All(v => v == true);
    }
}
