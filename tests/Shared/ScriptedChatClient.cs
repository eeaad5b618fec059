using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SidecarGuard.Tests.Shared;

/// <summary>
/// A fake model: answers each call with the next scripted step (a text reply or an end_conversation tool call) and
/// records what it was sent. It fails the test when called more often than scripted.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Step> _steps = new();
    private int _callIds;

    /// <summary>Every call the model received: the messages and the tools offered.</summary>
    public List<(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<string> Tools)> Calls { get; } = [];

    public ScriptedChatClient Says(string text)
    {
        _steps.Enqueue(new Step(text, null));
        return this;
    }

    public ScriptedChatClient CallsEndConversation(string reason)
    {
        _steps.Enqueue(new Step(null, reason));
        return this;
    }

    public int Remaining => _steps.Count;

    /// <summary>The system messages of the latest call, joined.</summary>
    public string LastInstructions => string.Join("\n", Calls[^1].Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));

    /// <summary>The tool results the latest call carried.</summary>
    public string LastToolResults => string.Join("\n", Calls[^1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
        .Select(r => r.Result?.ToString() ?? ""));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var tools = options?.Tools?.Select(t => t.Name).ToList() ?? [];
        Calls.Add(([.. messages], tools));
        if (!_steps.TryDequeue(out var step))
        {
            throw new InvalidOperationException($"The scripted model was called more often than scripted (call {Calls.Count}).");
        }

        if (step.Text is not null)
        {
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, step.Text)));
        }

        var tool = tools.FirstOrDefault(t => t.EndsWith("end_conversation", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The scripted model wanted end_conversation, but it was not offered. Tools: " + string.Join(", ", tools));
        var call = new FunctionCallContent($"call-{++_callIds}", tool, new Dictionary<string, object?> { ["reason"] = step.EndReason });
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private sealed record Step(string? Text, string? EndReason);
}
