using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SidecarGuard.Contracts;
using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Client;

/// <summary>
/// <see cref="IConversationGuard"/> over a running sidecar's gRPC contract. Each attempt has a deadline; only
/// UNAVAILABLE is retried, with exponential backoff; every turn carries a turn id (generated when the caller gives
/// none) so a retried turn is never counted twice. Statuses come back as the Abstractions' exceptions, and a refused
/// end as an <see cref="EndOutcome"/> with <see cref="EndOutcome.Refusal"/> set. When the sidecar cannot be reached,
/// <see cref="SidecarGuardOptions.FailMode"/> decides between <see cref="GuardUnavailableException"/> and a degraded ALLOW.
/// </summary>
public sealed class GrpcConversationGuard : IConversationGuard, IEndReview, IDisposable
{
    private readonly V1.GuardService.GuardServiceClient _client;
    private readonly GrpcChannel? _ownedChannel;
    private readonly SidecarGuardOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a client with its own channel to <see cref="SidecarGuardOptions.Address"/>; disposing it closes the channel.</summary>
    public GrpcConversationGuard(SidecarGuardOptions options, ILogger<GrpcConversationGuard>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownedChannel = GrpcChannel.ForAddress(options.Address);
        _client = new V1.GuardService.GuardServiceClient(_ownedChannel);
        _logger = logger ?? NullLogger<GrpcConversationGuard>.Instance;
    }

    /// <summary>Creates a client over an existing generated client; the caller owns its channel.</summary>
    public GrpcConversationGuard(V1.GuardService.GuardServiceClient client, SidecarGuardOptions options, ILogger<GrpcConversationGuard>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _client = client;
        _logger = logger ?? NullLogger<GrpcConversationGuard>.Instance;
    }

    /// <inheritdoc />
    [ConversationGuard]
    public async ValueTask<TurnVerdict> EvaluateTurnAsync(TurnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One id for every attempt: the sidecar replays the first verdict instead of counting the turn again.
        var turnId = string.IsNullOrEmpty(request.TurnId) ? "turn-" + Guid.NewGuid().ToString("N") : request.TurnId;
        var message = ContractMapping.ToContract(request, turnId);
        try
        {
            var response = await CallAsync("EvaluateTurn", request.ConversationId,
                o => _client.EvaluateTurnAsync(message, o), cancellationToken).ConfigureAwait(false);
            return ContractMapping.ToModel(response);
        }
        catch (GuardUnavailableException e) when (_options.FailMode == GuardFailMode.FailOpen)
        {
            Log.FailOpen(_logger, _options.Address, request.ConversationId, e);
            ClientMetrics.DegradedVerdicts.Add(1);
            return Degraded(request.ConversationId);
        }
    }

    /// <inheritdoc />
    public async ValueTask<EndOutcome> EndConversationAsync(string conversationId, EndReason reason, string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        var message = new V1.EndConversationRequest { ConversationId = conversationId ?? "", Reason = (V1.EndReason)reason, RequestId = requestId ?? "" };
        try
        {
            // Ending is idempotent on the sidecar: a retry after a lost answer returns the record with already_ended.
            var response = await CallAsync("EndConversation", conversationId ?? "",
                o => _client.EndConversationAsync(message, o), cancellationToken).ConfigureAwait(false);
            return new EndOutcome
            {
                Record = ContractMapping.ToModel(response.Record),
                AlreadyEnded = response.AlreadyEnded,
                State = ContractMapping.ToModel(response.State),
            };
        }
        catch (RpcException e) when (StatusReader.RefusalCode(e) is { } refusal)
        {
            return new EndOutcome
            {
                Refusal = refusal,
                RefusalMessage = e.Status.Detail,
                State = await StateAfterRefusalAsync(conversationId!, e, cancellationToken).ConfigureAwait(false),
            };
        }
    }

    /// <inheritdoc />
    public async ValueTask<ConversationView?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var message = new V1.GetConversationRequest { ConversationId = conversationId ?? "" };
        try
        {
            var response = await CallAsync("GetConversation", conversationId ?? "",
                o => _client.GetConversationAsync(message, o), cancellationToken).ConfigureAwait(false);
            return new ConversationView(ContractMapping.ToModel(response.State),
                response.EndRecord is null ? null : ContractMapping.ToModel(response.EndRecord))
            {
                Feedback = [.. response.Feedback.Select(ContractMapping.ToModel)],
            };
        }
        catch (ConversationNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Retried on UNAVAILABLE like every call. When the sidecar picks the new id, a retry after a lost answer can create a
    /// second branch; pass <paramref name="newConversationId"/> to make that retry fail with
    /// <see cref="ConversationExistsException"/> instead.
    /// </remarks>
    public async ValueTask<ConversationSnapshot> BranchConversationAsync(string conversationId, int turnIndex, string? newConversationId = null,
        CancellationToken cancellationToken = default)
    {
        var message = new V1.BranchConversationRequest
        {
            ConversationId = conversationId ?? "",
            TurnIndex = turnIndex,
            NewConversationId = newConversationId ?? "",
        };
        var response = await CallAsync("BranchConversation", conversationId ?? "",
            o => _client.BranchConversationAsync(message, o), cancellationToken).ConfigureAwait(false);
        return ContractMapping.ToModel(response.State);
    }

    /// <inheritdoc />
    /// <remarks>Retried on UNAVAILABLE; pass a <see cref="FeedbackRequest.RequestId"/> so a retry after a lost answer is not recorded twice.</remarks>
    public async ValueTask<FeedbackOutcome> SubmitFeedbackAsync(FeedbackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = ContractMapping.ToContract(request);
        var response = await CallAsync("SubmitFeedback", request.ConversationId ?? "",
            o => _client.SubmitFeedbackAsync(message, o), cancellationToken).ConfigureAwait(false);
        return ContractMapping.ToModel(response);
    }

    /// <inheritdoc />
    public async ValueTask<EndPage> ListEndsAsync(EndQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var message = ContractMapping.ToContract(query);
        var response = await CallAsync("ListEnds", "", o => _client.ListEndsAsync(message, o), cancellationToken).ConfigureAwait(false);
        return ContractMapping.ToModel(response);
    }

    /// <inheritdoc />
    public async ValueTask<StatsReport> GetStatsAsync(StatsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var message = ContractMapping.ToContract(query);
        var response = await CallAsync("GetStats", "", o => _client.GetStatsAsync(message, o), cancellationToken).ConfigureAwait(false);
        return ContractMapping.ToModel(response);
    }

    /// <summary>Closes the channel when this instance created it.</summary>
    public void Dispose() => _ownedChannel?.Dispose();

    private async Task<T> CallAsync<T>(string method, string conversationId, Func<CallOptions, AsyncUnaryCall<T>> call,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var options = new CallOptions(deadline: DateTime.UtcNow + _options.Deadline, cancellationToken: cancellationToken);
            try
            {
                return await call(options).ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && attempt < _options.MaxRetries)
            {
                var delay = _options.RetryBaseDelay * Math.Pow(2, attempt);
                ClientMetrics.Retries.Add(1);
                Log.Retrying(_logger, method, attempt + 1, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The guard call was cancelled.", e, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                var what = e.StatusCode == StatusCode.Unavailable
                    ? $"was unavailable after {attempt + 1} attempt(s)"
                    : $"did not answer within the {_options.Deadline.TotalMilliseconds:0} ms deadline";
                throw new GuardUnavailableException(
                    $"The SidecarGuard sidecar at {_options.Address} {what} ({method}): {e.Status.Detail}", e);
            }
            catch (RpcException e) when (StatusReader.RefusalCode(e) is null && StatusReader.ToException(e, conversationId) is { } mapped)
            {
                throw mapped;
            }
        }
    }

    private async Task<ConversationSnapshot> StateAfterRefusalAsync(string conversationId, RpcException refusal, CancellationToken cancellationToken)
    {
        try
        {
            if (await GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false) is { } view)
            {
                return view.State;
            }
        }
        catch (GuardUnavailableException)
        {
            // The refusal itself is what matters; the state below comes from the refusal's ErrorInfo.
        }

        var metadata = refusal.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Metadata;
        string? Value(string key) => metadata is not null && metadata.TryGetValue(key, out var v) ? v : null;
        return new ConversationSnapshot
        {
            ConversationId = conversationId,
            RedirectsGiven = int.TryParse(Value("redirects_given"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0,
            WarningGiven = Value("warning_given") == "true",
            AtRisk = Value("at_risk") == "true",
        };
    }

    private static TurnVerdict Degraded(string conversationId) => new()
    {
        Action = TurnAction.Allow,
        Reason = "degraded: the SidecarGuard sidecar could not be reached and the client is configured to fail open; the turn was not judged",
        Guidance = "",
        State = new ConversationSnapshot { ConversationId = conversationId ?? "" },
        TurnIndex = -1,
        Degraded = true,
    };
}
