using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SidecarGuard.Extensions.AI;

/// <summary>
/// Chat client middleware that judges the last user message of every call with an <see cref="IConversationGuard"/>
/// before the model sees it. <see cref="TurnAction.Ended"/> stops the call with <see cref="ConversationEndedException"/>;
/// REDIRECT, WARN, SUPPORT, CONFIRM_END and END add the verdict's guidance as a system message for that call; END also
/// offers the <c>end_conversation</c> tool. Place it outside <see cref="FunctionInvokingChatClient"/> so a turn is judged
/// once however many model round trips its tools take (it recognises a turn already judged either way).
/// </summary>
public sealed class GuardedChatClient : DelegatingChatClient
{
    private readonly IConversationGuard _guard;
    private readonly GuardedChatClientOptions _options;
    private readonly AIFunction _endTool;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="guard">The guard that judges each user turn.</param>
    /// <param name="options">Settings; defaults apply when <see langword="null"/>.</param>
    public GuardedChatClient(IChatClient innerClient, IConversationGuard guard, GuardedChatClientOptions? options = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(guard);
        _guard = guard;
        _options = options ?? new GuardedChatClientOptions();
        _endTool = EndConversationFunction.Create(guard);
    }

    /// <inheritdoc />
    /// <exception cref="ConversationEndedException">The conversation has ended; the model was not called.</exception>
    /// <exception cref="InvalidOperationException">No conversation id or no user message was found.</exception>
    [ConversationGuard]
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var turn = await JudgeAsync(messages, options, cancellationToken).ConfigureAwait(false);
        using (GuardScope.Enter(turn.Scope))
        {
            return await base.GetResponseAsync(turn.Messages, turn.Options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ConversationEndedException">The conversation has ended; the model was not called.</exception>
    [ConversationGuard]
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var turn = await JudgeAsync(messages, options, cancellationToken).ConfigureAwait(false);
        await foreach (var update in turn.Scope.Around(base.GetStreamingResponseAsync(turn.Messages, turn.Options, cancellationToken), cancellationToken)
            .ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private async Task<JudgedTurn> JudgeAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var conversationId = _options.ConversationIdSelector?.Invoke(list, options) ?? options?.ConversationId;
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new InvalidOperationException(
                "GuardedChatClient needs a conversation id: set ChatOptions.ConversationId or GuardedChatClientOptions.ConversationIdSelector.");
        }

        var (userIndex, previousAssistant) = UserTurnLocator.Find(list, m => m.Role == ChatRole.User, m => m.Role == ChatRole.Assistant, m => m.Text);
        if (userIndex < 0)
        {
            throw new InvalidOperationException("GuardedChatClient found no user message to judge in this call.");
        }

        var userText = list[userIndex].Text;
        var outer = GuardScope.Matching(conversationId, userText);
        var verdict = outer?.Verdict
            ?? await _guard.EvaluateTurnAsync(new TurnRequest(conversationId, userText)
            {
                PreviousAssistantText = previousAssistant,
            }, cancellationToken).ConfigureAwait(false);
        if (verdict.Action == TurnAction.Ended)
        {
            throw new ConversationEndedException(conversationId);
        }

        var instructions = TurnInstructions.For(verdict);
        var sent = list;
        if (instructions is not null && outer?.InstructionsDelivered != true)
        {
            sent = [.. list];
            sent.Insert(userIndex, new ChatMessage(ChatRole.System, instructions));
        }

        var scope = outer ?? new GuardScope(conversationId, userText, verdict);
        scope.InstructionsDelivered |= instructions is not null;
        return new JudgedTurn(sent, WithEndTool(options, verdict), scope);
    }

    private ChatOptions? WithEndTool(ChatOptions? options, TurnVerdict verdict)
    {
        if (verdict.Action != TurnAction.End || !_options.OfferEndToolWhenPermitted
            || options?.Tools?.Any(t => t.Name == EndConversationTool.Name) == true)
        {
            return options;
        }

        var copy = options?.Clone() ?? new ChatOptions();
        copy.Tools = [.. copy.Tools ?? [], _endTool];
        return copy;
    }

    private sealed record JudgedTurn(IList<ChatMessage> Messages, ChatOptions? Options, GuardScope Scope);
}
