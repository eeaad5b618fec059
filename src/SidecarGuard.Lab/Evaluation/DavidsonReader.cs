using SidecarGuard.Core.Detection;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>
/// Davidson et al.'s tweets (<c>davidson-hate-offensive/labeled_data.csv</c>), by majority class: hate speech
/// (positive for <c>hate</c>), offensive language, and neither (benign). Tweets are not messages to an assistant, so
/// offensive rows teach only what they are not: a crude, angry tweet is not self-harm, not a weapon request, not
/// child exploitation. Retweet prefixes, handles, links and HTML entities are stripped.
/// </summary>
internal static class DavidsonReader
{
    public const string Name = "davidson";

    private static readonly string[] OffensiveIsNot =
    [
        HarmCategories.ChildSexualExploitation,
        HarmCategories.MassViolence,
        HarmCategories.IndiscriminateWeapons,
        HarmCategories.Illicit,
        HarmCategories.SelfHarm,
    ];

    public static EvalSet Read(string dataDirectory) =>
        Read(CsvTable.Load(Path.Combine(dataDirectory, "davidson-hate-offensive", "labeled_data.csv")));

    public static EvalSet Read(CsvTable table)
    {
        var items = new List<EvalItem>(table.Rows.Count);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var text = Clean(table.Get(row, "tweet"));
            if (text.Length < 8)
            {
                continue;
            }

            var type = table.Get(row, "class") switch
            {
                "0" => "hate",
                "1" => "offensive",
                _ => "neither",
            };
            IReadOnlyDictionary<string, bool> targets = type switch
            {
                "hate" => new Dictionary<string, bool> { [HarmCategories.Hate] = true, [HarmCategories.SelfHarm] = false },
                "offensive" => OffensiveIsNot.ToDictionary(c => c, _ => false),
                _ => TrainingTargets.Benign(),
            };
            items.Add(new EvalItem(text, HalfSplitter.HalfOf(i, table.Rows.Count), type,
                new Dictionary<string, bool> { ["hate"] = type == "hate", ["clean"] = type == "neither" }, targets));
        }

        return new EvalSet(Name, items,
        [
            new Measure("hate -> not ALLOW", item => item.Label("hate") == true ? true : item.Label("clean") == true ? false : null, Outcome.NotAllow),
            new Measure("neither -> doubt (ends off)", item => item.Label("clean") == true ? false : null, Outcome.Doubt),
        ]);
    }

    /// <summary>The tweet without retweet markers, @handles, links and the HTML entities the export left in.</summary>
    internal static string Clean(string tweet)
    {
        var words = tweet.Replace("&amp;", "&", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal).Replace("&#8220;", "\"", StringComparison.Ordinal)
            .Replace("&#8221;", "\"", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "RT" && !w.StartsWith('@') && !w.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                && !w.StartsWith("&#", StringComparison.Ordinal));
        return string.Join(' ', words).Trim(' ', ':', '!', '"');
    }
}
