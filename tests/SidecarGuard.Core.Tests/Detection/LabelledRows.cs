namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// Reads the tab-separated development files beside the detection tests (<c>label&lt;TAB&gt;text</c>, <c>#</c> comments):
/// the turns a group of patterns was written from, kept so that the patterns keep reading them.
/// </summary>
internal static class LabelledRows
{
    /// <summary>The texts of <paramref name="fileName"/> labelled <paramref name="label"/>.</summary>
    public static IEnumerable<string> Texts(string fileName, string label) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Detection", fileName))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t', 2))
            .Where(fields => fields[0] == label)
            .Select(fields => fields[1]);
}
