namespace SidecarGuard.Semantic.Tests;

/// <summary>Reads a file of labelled turns beside the tests: one "label TAB text" per line, '#' lines are comments.</summary>
internal static class LabelledTurns
{
    public static List<(string Label, string Text)> Read(string fileName) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, fileName))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2))
            .Select(p => (p[0], p[1]))];
}
