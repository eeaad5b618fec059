using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SidecarGuard.Extensions.AI;

namespace SidecarGuard.SemanticKernel;

/// <summary>
/// An <see cref="IChatCompletionService"/> decorator that judges the last user message of the <see cref="ChatHistory"/>
/// before delegating. <see cref="TurnAction.Ended"/> stops the call with <see cref="ConversationEndedException"/>; the
/// guidance of REDIRECT, WARN, SUPPORT, CONFIRM_END and END goes in as a system message for that call only (it is
/// removed from the history afterwards). The conversation id is taken from the turn already under way (guard filters),
/// else <see cref="SidecarGuardKernelArguments.ConversationId"/> in <see cref="PromptExecutionSettings.ExtensionData"/>,
/// else in <see cref="Kernel.Data"/>.
/// </summary>
public sealed class GuardedChatCompletionService : IChatCompletionService
{
    private readonly IChatCompletionService _inner;
    private readonly IConversationGuard _guard;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The service that talks to the model.</param>
    /// <param name="guard">The guard that judges each user turn.</param>
    public GuardedChatCompletionService(IChatCompletionService inner, IConversationGuard guard)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(guard);
        _inner = inner;
        _guard = guard;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes => _inner.Attributes;

    /// <inheritdoc />
    /// <exception cref="ConversationEndedException">The conversation has ended; the model was not called.</exception>
    /// <exception cref="InvalidOperationException">No conversation id or no user message was found.</exception>
    [ConversationGuard]
    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        var turn = await JudgeAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        try
        {
            using (GuardScope.Enter(turn.Scope))
            {
                return await _inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            turn.RemoveInstructions(chatHistory);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ConversationEndedException">The conversation has ended; the model was not called.</exception>
    [ConversationGuard]
    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        var turn = await JudgeAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
        try
        {
            var updates = _inner.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
            await foreach (var update in turn.Scope.Around(updates, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            turn.RemoveInstructions(chatHistory);
        }
    }

    private async Task<JudgedTurn> JudgeAsync(ChatHistory history, PromptExecutionSettings? settings, Kernel? kernel,
        CancellationToken cancellationToken)
    {
        var (userIndex, previousAssistant) = UserTurnLocator.Find(history, m => m.Role == AuthorRole.User, m => m.Role == AuthorRole.Assistant,
            m => m.Content);
        if (userIndex < 0)
        {
            throw new InvalidOperationException("GuardedChatCompletionService found no user message to judge in the chat history.");
        }

        var userText = history[userIndex].Content ?? "";
        var conversationId = ConversationIdOf(settings, kernel)
            ?? throw new InvalidOperationException(
                $"GuardedChatCompletionService needs a conversation id: run inside a guarded Kernel invocation, or set '{SidecarGuardKernelArguments.ConversationId}' in PromptExecutionSettings.ExtensionData or Kernel.Data.");

        var scope = GuardScope.Matching(conversationId, userText)
            ?? new GuardScope(conversationId, userText, await _guard.EvaluateTurnAsync(new TurnRequest(conversationId, userText)
            {
                PreviousAssistantText = previousAssistant,
            }, cancellationToken).ConfigureAwait(false));
        if (scope.Verdict.Action == TurnAction.Ended)
        {
            throw new ConversationEndedException(conversationId);
        }

        ChatMessageContent? instructions = null;
        if (!scope.InstructionsDelivered && TurnInstructions.For(scope.Verdict) is { } text)
        {
            instructions = new ChatMessageContent(AuthorRole.System, text);
            history.Insert(userIndex, instructions);
            scope.InstructionsDelivered = true;
        }

        return new JudgedTurn(scope, instructions);
    }

    private static string? ConversationIdOf(PromptExecutionSettings? settings, Kernel? kernel)
    {
        if (GuardScope.Current is { } scope)
        {
            return scope.ConversationId;
        }

        if (settings?.ExtensionData is { } data && data.TryGetValue(SidecarGuardKernelArguments.ConversationId, out var fromSettings)
            && fromSettings?.ToString() is { Length: > 0 } id)
        {
            return id;
        }

        return kernel?.Data.TryGetValue(SidecarGuardKernelArguments.ConversationId, out var fromKernel) == true
            && fromKernel?.ToString() is { Length: > 0 } kernelId ? kernelId : null;
    }

    private sealed record JudgedTurn(GuardScope Scope, ChatMessageContent? Instructions)
    {
        public void RemoveInstructions(ChatHistory history)
        {
            if (Instructions is not null)
            {
                history.Remove(Instructions);
            }
        }
    }
}
