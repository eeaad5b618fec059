namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>One labelled turn for the semantic heads.</summary>
/// <param name="Text">The user turn.</param>
/// <param name="Source">The data set it comes from; leave-one-source-out holds out one source at a time.</param>
/// <param name="Half">1 for the first half of its file (trained on), 2 for the second (held out).</param>
/// <param name="Group">The source's own label for the row, for per-group reports.</param>
/// <param name="Labels">Per head: positive, negative, or absent when the row says nothing about it.</param>
internal sealed record SemanticRow(string Text, string Source, int Half, string Group, IReadOnlyDictionary<string, bool> Labels)
{
    /// <summary>Negative for every head it has a label for, and for at least one: everyday text.</summary>
    public bool IsBenign => Labels.Count > 0 && Labels.Values.All(v => !v);
}
