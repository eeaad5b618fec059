using Grpc.Core;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>Starts one real sidecar per test class and offers short-hands for turns.</summary>
public abstract class ServerTestBase : IAsyncLifetime
{
    private TestSidecar? _server;

    internal TestSidecar Server => _server ?? throw new InvalidOperationException("Server not started.");

    internal GuardService.GuardServiceClient Client => Server.Client;

    public virtual async Task InitializeAsync() => _server = await TestSidecar.StartAsync();

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected static string NewId() => "t-" + Guid.NewGuid().ToString("N");

    protected async Task<EvaluateTurnResponse> TurnAsync(string conversationId, string text, string? previousAssistant = null, string? turnId = null)
    {
        var request = new EvaluateTurnRequest { ConversationId = conversationId, UserText = text };
        if (previousAssistant is not null)
        {
            request.PreviousAssistantText = previousAssistant;
        }

        if (turnId is not null)
        {
            request.TurnId = turnId;
        }

        return await Client.EvaluateTurnAsync(request);
    }

    protected async Task<TurnAction[]> TurnsAsync(string conversationId, params string[] texts)
    {
        var actions = new List<TurnAction>();
        foreach (var text in texts)
        {
            actions.Add((await TurnAsync(conversationId, text)).Action);
        }

        return [.. actions];
    }

    protected static async Task<RpcException> ExpectErrorAsync(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }
}
