using SidecarGuard.Core.Detection;
using SidecarGuard.Semantic.Heads;

namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>What trained heads do on rows they never saw: recall per category, flag rates, false flags on benign rows.</summary>
internal sealed record SplitEvaluation(string Name, int Rows, Rate Harmful, Rate AtRisk, Rate Benign,
    IReadOnlyList<(string Category, Rate Recall)> Categories, IReadOnlyDictionary<string, int> FalseFlags)
{
    public static SplitEvaluation Of(string name, HeadSet heads, IReadOnlyList<SemanticRow> rows, IReadOnlyList<float[]> embeddings)
    {
        var harmful = new Rate();
        var atRisk = new Rate();
        var benign = new Rate();
        var perCategory = SemanticHeadCategories.All.ToDictionary(c => c, _ => new Rate());
        var falseFlags = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var fired = heads.Heads.Where(h => h.Probability(embeddings[i]) >= h.Threshold).Select(h => h.Category).ToHashSet();
            var flagged = fired.Where(c => c != SemanticHeadCategories.FollowUp).ToHashSet();
            var row = rows[i];
            if (row.IsBenign)
            {
                benign.Add(flagged.Count == 0);
                foreach (var category in flagged)
                {
                    falseFlags[category] = falseFlags.GetValueOrDefault(category) + 1;
                }
            }

            if (row.Labels.TryGetValue(SemanticHeadCategories.FollowUp, out var pressesOn) && !pressesOn && fired.Contains(SemanticHeadCategories.FollowUp))
            {
                falseFlags[SemanticHeadCategories.FollowUp] = falseFlags.GetValueOrDefault(SemanticHeadCategories.FollowUp) + 1;
            }

            if (row.Labels.Any(l => l.Value && SemanticHeadCategories.IsHarmfulRequest(l.Key)))
            {
                harmful.Add(flagged.Any(SemanticHeadCategories.IsHarmfulRequest));
            }

            if (row.Labels.GetValueOrDefault(HarmCategories.SelfHarm) || row.Labels.GetValueOrDefault(HarmCategories.HarmToOthers))
            {
                atRisk.Add(flagged.Contains(HarmCategories.SelfHarm) || flagged.Contains(HarmCategories.HarmToOthers));
            }

            foreach (var (category, positive) in row.Labels)
            {
                if (positive && perCategory.TryGetValue(category, out var rate))
                {
                    rate.Add(fired.Contains(category));
                }
            }
        }

        return new SplitEvaluation(name, rows.Count, harmful, atRisk, benign,
            [.. perCategory.Where(p => p.Value.Total > 0).Select(p => (p.Key, p.Value))], falseFlags);
    }

    public string Line() =>
        $"{Name,-26} {Rows,6}  harmful flagged {Harmful,-15} at-risk seen {AtRisk,-15} benign clean {Benign,-15} " +
        string.Join(" ", Categories.Select(c => $"{Short(c.Category)} {c.Recall}")) +
        (FalseFlags.Count == 0 ? "" : "  false flags: " + string.Join(" ", FalseFlags.OrderByDescending(f => f.Value).Select(f => $"{Short(f.Key)} {f.Value}")));

    private static string Short(string category) => category switch
    {
        HarmCategories.ChildSexualExploitation => "cse",
        HarmCategories.MassViolence => "mv",
        HarmCategories.IndiscriminateWeapons => "weap",
        HarmCategories.HarmToOthers => "h2o",
        HarmCategories.SelfHarm => "sh",
        HarmCategories.OtherHarm => "any",
        _ => category,
    };
}

/// <summary>A count of hits among cases.</summary>
internal sealed class Rate
{
    public int Hits { get; private set; }

    public int Total { get; private set; }

    public double? Value => Total == 0 ? null : (double)Hits / Total;

    public void Add(bool hit)
    {
        Total++;
        Hits += hit ? 1 : 0;
    }

    public override string ToString() => Total == 0 ? "-" : FormattableString.Invariant($"{100.0 * Hits / Total:0.0}% ({Hits}/{Total})");
}
