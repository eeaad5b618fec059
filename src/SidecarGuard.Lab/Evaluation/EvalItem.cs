namespace SidecarGuard.Lab.Evaluation;

/// <summary>One labelled turn of a data set.</summary>
/// <param name="Text">The user turn as the detector sees it.</param>
/// <param name="Half">1 for the first half of its file (tuning and training), 2 for the second (held out).</param>
/// <param name="Group">The data set's own label for the row (type, category, harm area), for per-group rows.</param>
/// <param name="Labels">The data set's binary labels by name (for example <c>S3</c>, <c>unsafe</c>); absent means unknown.</param>
/// <param name="Targets">
/// What the built-in model should learn from the row: SidecarGuard category → positive (true) or negative (false);
/// absent means unknown, and the row does not train that category.
/// </param>
internal sealed record EvalItem(
    string Text,
    int Half,
    string Group,
    IReadOnlyDictionary<string, bool> Labels,
    IReadOnlyDictionary<string, bool> Targets)
{
    /// <summary>
    /// The conversation before this turn, when the row is a follow-up: the user's earlier turn and the assistant's
    /// reply to it. The earlier turn is judged first, in the same conversation, and the row's turn after it.
    /// </summary>
    public EarlierTurn? Before { get; init; }

    /// <summary>The label <paramref name="name"/>, or null when the data set does not say.</summary>
    public bool? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A user turn and the assistant's reply to it, earlier in a row's conversation.</summary>
internal sealed record EarlierTurn(string UserText, string AssistantReply);
