namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>
/// Turns we wrote ourselves for what no public set has: insults aimed at the assistant, users at risk who are
/// angry or say it indirectly, intent to hurt a named person, plainly worded extreme requests with slang and
/// typos, follow-ups that press, everyday chat and end requests, in English, Spanish, French, German and
/// Portuguese. Format (<c>Training/own-turns.tsv</c>, embedded): <c>categories&lt;TAB&gt;text</c>, where categories
/// is <c>benign</c> or a comma-separated list of head categories; every head not listed is negative. Lines starting
/// with <c>#</c> are comments. Kept apart from the conversation scenarios, which stay unseen by training.
/// </summary>
internal static class OwnTurns
{
    public const string Source = "own";

    private const string Resource = "SidecarGuard.Training.own-turns.tsv";

    public static List<SemanticRow> Load()
    {
        using var stream = typeof(OwnTurns).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Resource {Resource} is missing.");
        return Parse(new StreamReader(stream));
    }

    public static List<SemanticRow> Parse(TextReader reader)
    {
        var rows = new List<SemanticRow>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new InvalidDataException($"own-turns.tsv line {number}: expected 'categories<TAB>text'.");
            }

            var categories = line[..tab].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = categories.Where(c => c != "benign" && !SemanticHeadCategories.All.Contains(c)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidDataException($"own-turns.tsv line {number}: unknown category '{unknown[0]}'.");
            }

            var labels = SemanticHeadCategories.All.ToDictionary(c => c, categories.Contains);
            labels[Core.Detection.HarmCategories.OtherHarm] |= categories.Any(SemanticHeadCategories.IsHarmfulRequest);
            rows.Add(new SemanticRow(line[(tab + 1)..].Trim(), Source, 0, line[..tab], labels));
        }

        // Every other row is held out so the own turns can be measured like any file: first half trains.
        return [.. rows.Select((r, i) => r with { Half = i % 2 == 0 ? 1 : 2 })];
    }
}
