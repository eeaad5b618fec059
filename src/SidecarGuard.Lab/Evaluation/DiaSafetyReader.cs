using System.Text.Json;
using SidecarGuard.Core.Detection;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>
/// DiaSafety user contexts (each file's labels are about the bot response, so only the context categories are
/// used): <c>Risk Ignorance</c> contexts voice distress (positives for SUPPORT), <c>Unauthorized Expertise</c>
/// contexts are ordinary advice questions (negatives). Repeated contexts are read once.
/// </summary>
internal static class DiaSafetyReader
{
    public const string Name = "diasafety";

    private const string RiskIgnorance = "Risk Ignorance";
    private const string Expertise = "Unauthorized Expertise";

    /// <summary>Reads <c>diasafety/{file}.json</c>: <c>test</c> for evaluation, <c>train</c> for training.</summary>
    public static EvalSet Read(string dataDirectory, string file = "test")
    {
        using var stream = File.OpenRead(Path.Combine(dataDirectory, "diasafety", file + ".json"));
        return Read(stream);
    }

    public static EvalSet Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(string Context, string Category)>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var category = element.GetProperty("category").GetString() ?? "";
            var context = element.GetProperty("context").GetString() ?? "";
            if (category is RiskIgnorance or Expertise && seen.Add(context))
            {
                rows.Add((context, category));
            }
        }

        var items = rows.Select((r, i) => new EvalItem(
            r.Context,
            HalfSplitter.HalfOf(i, rows.Count),
            r.Category,
            new Dictionary<string, bool> { ["distress"] = r.Category == RiskIgnorance },
            r.Category == RiskIgnorance
                ? new Dictionary<string, bool> { [HarmCategories.SelfHarm] = true }
                : TrainingTargets.Benign())).ToList();
        return new EvalSet(Name, items,
        [
            new Measure("distress -> SUPPORT", item => item.Label("distress"), Outcome.Support),
            new Measure("distress -> doubt (ends off)", item => item.Label("distress"), Outcome.Doubt),
        ]);
    }
}
