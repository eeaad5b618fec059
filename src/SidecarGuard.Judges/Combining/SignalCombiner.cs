using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.Resilience;

namespace SidecarGuard.Judges.Combining;

/// <summary>
/// Folds the built-in detector's signals and the judges' outcomes into one <see cref="TurnSignals"/> by a
/// <see cref="CombinationRule"/>. At-risk signals from any source count; end requests and confirmations come from the
/// built-in detector; unavailable judges are left out and named in <see cref="TurnSignals.Note"/>.
/// </summary>
internal static class SignalCombiner
{
    public static TurnSignals Combine(TurnSignals builtIn, IReadOnlyList<JudgeOutcome> outcomes, CombinationRule rule)
    {
        var answered = outcomes.Where(o => o.Answered).Select(o => o.Verdict!).ToList();
        var note = NoteFor(builtIn.Note, outcomes, answered.Count);
        var atRisk = builtIn.AtRisk || answered.Any(v => v.AtRisk);
        var categories = answered.Count == 0 || (rule == CombinationRule.Strongest && answered.TrueForAll(v => v.Categories.Count == 0))
            ? builtIn.Categories
            : Scores(builtIn, answered, rule);
        if (atRisk == builtIn.AtRisk && ReferenceEquals(categories, builtIn.Categories) && note == builtIn.Note)
        {
            return builtIn;
        }

        return builtIn with { Categories = categories, AtRisk = atRisk, Note = note };
    }

    private static IReadOnlyList<CategoryScore> Scores(TurnSignals builtIn, List<JudgeVerdict> answered, CombinationRule rule)
    {
        // Every source's score per category; a source that did not report a category scores 0 for it.
        var sources = 1 + answered.Count;
        var byCategory = new Dictionary<string, double[]>(StringComparer.Ordinal);
        Collect(byCategory, builtIn.Categories, 0, sources);
        for (var i = 0; i < answered.Count; i++)
        {
            Collect(byCategory, answered[i].Categories, i + 1, sources);
        }

        var combined = new List<CategoryScore>(byCategory.Count);
        foreach (var (name, scores) in byCategory)
        {
            Array.Sort(scores);
            var score = rule == CombinationRule.Corroborated && !HarmCategories.IsAtRisk(name) ? scores[^2] : scores[^1];
            if (score > 0)
            {
                combined.Add(new CategoryScore(name, score));
            }
        }

        combined.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var c && c != 0 ? c : string.CompareOrdinal(a.Name, b.Name));
        return combined;
    }

    private static void Collect(Dictionary<string, double[]> byCategory, IReadOnlyList<CategoryScore> categories, int source, int sources)
    {
        foreach (var category in categories)
        {
            if (!byCategory.TryGetValue(category.Name, out var scores))
            {
                scores = new double[sources];
                byCategory[category.Name] = scores;
            }

            scores[source] = Math.Max(scores[source], category.Score);
        }
    }


    private static string? NoteFor(string? builtInNote, IReadOnlyList<JudgeOutcome> outcomes, int answered)
    {
        var failures = outcomes.Where(o => !o.Answered).Select(o => $"judge {o.Judge} unavailable ({o.Failure})").ToList();
        if (failures.Count == 0)
        {
            return builtInNote;
        }

        if (answered == 0)
        {
            failures.Add("built-in detector only");
        }

        var note = string.Join("; ", failures);
        return builtInNote is null ? note : $"{builtInNote}; {note}";
    }
}
