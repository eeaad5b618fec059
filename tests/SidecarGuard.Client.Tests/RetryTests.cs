using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Client.Tests;

/// <summary>Retries: UNAVAILABLE only, bounded, and never counting a turn twice.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private TestSidecar _sidecar = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await TestSidecar.StartAsync();
        _channel = GrpcChannel.ForAddress(_sidecar.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _sidecar.DisposeAsync();
    }

    private GrpcConversationGuard GuardThrough(Interceptor interceptor, int maxRetries = 2) =>
        new(new GuardService.GuardServiceClient(_channel.Intercept(interceptor)),
            new SidecarGuardOptions { Address = _sidecar.Uri, MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromMilliseconds(5), Deadline = TimeSpan.FromSeconds(15) });

    [Fact]
    public async Task Retry_After_Lost_Answer_Reuses_The_Generated_Turn_Id_And_Counts_The_Turn_Once()
    {
        var lost = new LostAnswerInterceptor(lose: 1);
        var guard = GuardThrough(lost);
        var id = "c-" + Guid.NewGuid().ToString("N");

        var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, Phrases.Terror));

        Assert.Equal(2, lost.TurnIds.Count);
        Assert.False(string.IsNullOrEmpty(lost.TurnIds[0]));
        Assert.Equal(lost.TurnIds[0], lost.TurnIds[1]);
        Assert.True(verdict.Replayed);
        Assert.Equal(TurnAction.Redirect, verdict.Action);
        Assert.Equal(1, verdict.State.TurnCount);
        Assert.Equal(1, (await guard.GetConversationAsync(id))!.State.TurnCount);
    }

    [Fact]
    public async Task Caller_Turn_Id_Is_Sent_As_Given()
    {
        var seen = new LostAnswerInterceptor(lose: 0);
        var guard = GuardThrough(seen);

        await guard.EvaluateTurnAsync(new TurnRequest("c-" + Guid.NewGuid().ToString("N"), Phrases.Benign) { TurnId = "my-turn-7" });

        Assert.Equal(["my-turn-7"], seen.TurnIds);
    }

    [Fact]
    public async Task Unavailable_Is_Retried_MaxRetries_Times_Then_Fails_Closed()
    {
        var lost = new LostAnswerInterceptor(lose: int.MaxValue);
        var guard = GuardThrough(lost, maxRetries: 3);

        var error = await Assert.ThrowsAsync<GuardUnavailableException>(
            async () => await guard.EvaluateTurnAsync(new TurnRequest("c-" + Guid.NewGuid().ToString("N"), Phrases.Benign)));

        Assert.Equal(4, lost.Attempts);
        Assert.Single(lost.TurnIds.Distinct());
        Assert.IsType<RpcException>(error.InnerException);
    }

    [Fact]
    public async Task Invalid_Argument_Is_Not_Retried()
    {
        var seen = new LostAnswerInterceptor(lose: 0);
        var guard = GuardThrough(seen);

        await Assert.ThrowsAsync<InvalidGuardRequestException>(async () => await guard.EvaluateTurnAsync(new TurnRequest("", Phrases.Benign)));

        Assert.Equal(1, seen.Attempts);
    }
}
