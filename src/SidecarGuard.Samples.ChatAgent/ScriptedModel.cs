using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SidecarGuard.SemanticKernel;

namespace SidecarGuard.Samples.ChatAgent;

/// <summary>
/// The OFFLINE model: plays the scripted turn it is given, as a real model would through tool calls, so the guard,
/// the filters and the auto-function loop run for real.
/// </summary>
internal sealed class ScriptedModel : IChatClient
{
    private ScriptedTurn? _turn;
    private bool _toolCalled;
    private int _calls;

    public void Begin(ScriptedTurn turn)
    {
        _turn = turn;
        _toolCalled = false;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var turn = _turn ?? throw new InvalidOperationException("No scripted turn.");
        var instructions = string.Join(" ", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        if (instructions.Length > 0)
        {
            Console.WriteLine($"  model sees: {instructions}");
        }

        if (turn.EndConversation is { } reason && !_toolCalled
            && options?.Tools?.FirstOrDefault(t => t.Name.EndsWith("end_conversation", StringComparison.Ordinal)) is { } tool)
        {
            _toolCalled = true;
            Console.WriteLine($"  model calls: end_conversation(reason: \"{reason}\")");
            var call = new FunctionCallContent($"call-{++_calls}", tool.Name, new Dictionary<string, object?> { ["reason"] = reason });
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])));
        }

        if (messages.LastOrDefault()?.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
        {
            Console.WriteLine($"  tool result: {(result.Result is EndConversationResult end ? end.Message : result.Result)}");
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, turn.Reply ?? "")));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
