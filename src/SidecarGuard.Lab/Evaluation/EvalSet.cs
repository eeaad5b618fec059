namespace SidecarGuard.Lab.Evaluation;

/// <summary>A labelled data set ready to evaluate: its rows and the measures asked of them.</summary>
/// <param name="Name">Name used by <c>--set</c> and in reports.</param>
/// <param name="Items">Rows in file order.</param>
/// <param name="Measures">Questions asked of the rows; targets are attached to some.</param>
internal sealed record EvalSet(string Name, IReadOnlyList<EvalItem> Items, IReadOnlyList<Measure> Measures);
