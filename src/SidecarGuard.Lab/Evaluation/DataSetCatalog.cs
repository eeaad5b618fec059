namespace SidecarGuard.Lab.Evaluation;

/// <summary>The public labelled sets <c>sidecarguard-lab eval</c> knows, and where to find them.</summary>
internal static class DataSetCatalog
{
    /// <summary>Loaders by set name, in report order.</summary>
    public static readonly IReadOnlyList<(string Name, Func<string, EvalSet> Load)> Sets =
    [
        (XsTestReader.Name, XsTestReader.Read),
        (OpenAiModerationReader.Name, OpenAiModerationReader.Read),
        (JailbreakBenchReader.Name, JailbreakBenchReader.Read),
        (JailbreakBenchReader.PromptsName, JailbreakBenchReader.ReadPrompts),
        (HarmBenchReader.Name, HarmBenchReader.Read),
        (SimpleSafetyTestsReader.Name, SimpleSafetyTestsReader.Read),
        (DiaSafetyReader.Name, dir => DiaSafetyReader.Read(dir)),
        (HhRlhfReader.Name, HhRlhfReader.Read),
        (HhRlhfFollowUpReader.Name, HhRlhfFollowUpReader.Read),
    ];

    /// <summary>Relative location of the data next to a checkout.</summary>
    public static readonly string DefaultRelativePath = Path.Combine("..", "shared", "data");

    /// <summary>
    /// <c>../shared/data</c> relative to <paramref name="start"/> or to the first ancestor of it that looks like the
    /// repository root (holds <c>SidecarGuard.sln</c>); null when neither exists.
    /// </summary>
    public static string? FindDefault(string start)
    {
        var candidate = Path.GetFullPath(Path.Combine(start, DefaultRelativePath));
        if (Directory.Exists(candidate))
        {
            return candidate;
        }

        if (RepositoryRoot.Find(start) is not { } root)
        {
            return null;
        }

        candidate = Path.GetFullPath(Path.Combine(root, DefaultRelativePath));
        return Directory.Exists(candidate) ? candidate : null;
    }

    /// <summary>Loads the set called <paramref name="name"/>, or all of them when it is null.</summary>
    public static List<EvalSet> Load(string dataDirectory, string? name)
    {
        var chosen = Sets.Where(s => name is null || s.Name == name).ToList();
        if (chosen.Count == 0)
        {
            throw new ArgumentException($"Unknown data set '{name}'; known: {string.Join(", ", Sets.Select(s => s.Name))}.", nameof(name));
        }

        return [.. chosen.Select(s => s.Load(dataDirectory))];
    }
}
