namespace SidecarGuard.Extensions.AI;

/// <summary>
/// The user turn being answered, flowing with the async call (an <see cref="AsyncLocal{T}"/>): set by the middleware,
/// the SK filters and the SK decorator around the model call, read by <c>end_conversation</c> to know which
/// conversation to end, and by nested guard layers so one user turn is judged once.
/// </summary>
internal sealed class GuardScope
{
    private static readonly AsyncLocal<GuardScope?> Ambient = new();

    public GuardScope(string conversationId, string userText, TurnVerdict verdict)
    {
        ConversationId = conversationId;
        UserText = userText;
        Verdict = verdict;
    }

    /// <summary>The scope of the turn under way, if any.</summary>
    public static GuardScope? Current => Ambient.Value;

    public string ConversationId { get; }

    public string UserText { get; }

    public TurnVerdict Verdict { get; }

    /// <summary>Makes <paramref name="scope"/> current until the returned value is disposed.</summary>
    public static Restore Enter(GuardScope scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Restore(previous);
    }

    /// <summary>The verdict already given for this exact turn by an outer guard layer, if any.</summary>
    public static TurnVerdict? VerdictFor(string conversationId, string userText) =>
        Current is { } scope
        && string.Equals(scope.ConversationId, conversationId, StringComparison.Ordinal)
        && string.Equals(scope.UserText, userText, StringComparison.Ordinal)
            ? scope.Verdict
            : null;

    /// <summary>Puts the previous scope back.</summary>
    internal readonly struct Restore(GuardScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
