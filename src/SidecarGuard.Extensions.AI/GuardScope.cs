using System.Runtime.CompilerServices;

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

    /// <summary>Whether a guard layer already put the verdict's instructions in front of the model for this turn.</summary>
    public bool InstructionsDelivered { get; set; }

    /// <summary>Makes <paramref name="scope"/> current until the returned value is disposed.</summary>
    public static Restore Enter(GuardScope scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Restore(previous);
    }

    /// <summary>The current scope when an outer guard layer already judged this exact turn; otherwise <see langword="null"/>.</summary>
    public static GuardScope? Matching(string conversationId, string userText) =>
        Current is { } scope
        && string.Equals(scope.ConversationId, conversationId, StringComparison.Ordinal)
        && string.Equals(scope.UserText, userText, StringComparison.Ordinal)
            ? scope
            : null;

    /// <summary>
    /// Streams <paramref name="source"/> with this scope current while each item is produced, and not while the
    /// consumer handles it: a yield must not leak the scope into the caller's code.
    /// </summary>
    public async IAsyncEnumerable<T> Around<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            using (Enter(this))
            {
                if (!await items.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }

            yield return items.Current;
        }
    }

    /// <summary>Puts the previous scope back.</summary>
    internal readonly struct Restore(GuardScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
