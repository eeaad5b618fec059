using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Core.Guard;

/// <summary>
/// The guard itself: validates a request, scores the turn, lets the policy engine decide and persists the result
/// atomically. The sidecar's gRPC service and the in-process .NET client both run this same class.
/// </summary>
public sealed class ConversationGuard : IConversationGuard, IEndReview
{
    private readonly ITurnDetector _detector;
    private readonly IAsyncTurnDetector? _asyncDetector;
    private readonly PolicyHolder _policy;
    private readonly IConversationStore _store;
    private readonly GuardOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a guard over a detector, a policy, a store and limits.</summary>
    public ConversationGuard(ITurnDetector detector, PolicyHolder policy, IConversationStore store,
        GuardOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(store);
        _detector = detector;
        _asyncDetector = detector as IAsyncTurnDetector;
        _policy = policy;
        _store = store;
        _options = options ?? new GuardOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    [ConversationGuard]
    public async ValueTask<TurnVerdict> EvaluateTurnAsync(TurnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidator.RequireId(request.ConversationId, "conversation_id");
        RequestValidator.OptionalId(request.TurnId, "turn_id");
        RequestValidator.RequireText(request.UserText, "user_text", _options.MaxTextBytes);
        RequestValidator.LimitText(request.PreviousAssistantText, "previous_assistant_text", _options.MaxTextBytes);

        // Only detectors that do I/O (model judges) take the awaited path; the built-in one stays synchronous.
        var signals = _asyncDetector is null
            ? _detector.AnalyzeUserTurn(request.UserText)
            : await _asyncDetector.AnalyzeUserTurnAsync(request.UserText, cancellationToken).ConfigureAwait(false);
        var refused = request.PreviousAssistantRefused
            ?? (!string.IsNullOrWhiteSpace(request.PreviousAssistantText) && _detector.IsRefusal(request.PreviousAssistantText));
        var offeredHelp = CrisisReplyDetector.OffersCrisisHelp(request.PreviousAssistantText);
        var turn = new TurnContext(signals, TextHash.Of(request.UserText), refused, offeredHelp);
        var engine = _policy.Current;
        var turnId = string.IsNullOrEmpty(request.TurnId) ? null : request.TurnId;
        var text = _options.StoreText ? request.UserText : null;
        var hour = Tally.HourOf(_time.GetUtcNow());

        return await _store.UpdateAsync(request.ConversationId,
            current => Decide(engine, current ?? ConversationState.New(request.ConversationId), turn, turnId, text, hour),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<EndOutcome> EndConversationAsync(string conversationId, EndReason reason, string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        RequestValidator.RequireId(conversationId, "conversation_id");
        RequestValidator.RequireEndReason(reason);
        RequestValidator.OptionalId(requestId, "request_id");
        var engine = _policy.Current;
        var now = _time.GetUtcNow();

        return await _store.UpdateAsync(conversationId, current =>
        {
            if (current is null)
            {
                throw new ConversationNotFoundException(conversationId);
            }

            if (current.Status == ConversationStatus.Ended)
            {
                return StoreUpdate<EndOutcome>.NoChange(new() { Record = current.End, AlreadyEnded = true, State = current.ToSnapshot() });
            }

            var decision = engine.CanEnd(current, reason);
            var hour = Tally.HourOf(now);
            if (!decision.Permitted)
            {
                // Nothing about the conversation changes; the refusal is only counted (at-risk vetoes among them).
                return new StoreUpdate<EndOutcome>
                {
                    Tallies = [new Tally(hour, Tally.EndRefused, decision.Refusal is { } refusal ? Tally.LabelOf(refusal) : "")],
                    Result = new()
                    {
                        Refusal = decision.Refusal,
                        RefusalMessage = decision.Message,
                        State = current.ToSnapshot(),
                    },
                };
            }

            var record = EndRecordFor(current, reason, engine.Options.Version, now, requestId);
            var next = current with { Status = ConversationStatus.Ended, End = record, PermittedEnd = EndReason.None, PendingEndConfirmation = false };
            return new StoreUpdate<EndOutcome>
            {
                NewState = next,
                Audit = record,
                Tallies = [new Tally(hour, Tally.End, Tally.LabelOf(record.Reason)), new Tally(hour, Tally.EndCategory, record.Category ?? "none")],
                Result = new() { Record = record, State = next.ToSnapshot() },
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ConversationView?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        RequestValidator.RequireId(conversationId, "conversation_id");
        var state = await _store.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        return new ConversationView(state.ToSnapshot(), state.End)
        {
            Feedback = await _store.GetFeedbackAsync(conversationId, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <inheritdoc />
    public async ValueTask<ConversationSnapshot> BranchConversationAsync(string conversationId, int turnIndex,
        string? newConversationId = null, CancellationToken cancellationToken = default)
    {
        RequestValidator.RequireId(conversationId, "conversation_id");
        RequestValidator.OptionalId(newConversationId, "new_conversation_id");
        var source = await _store.GetAsync(conversationId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationNotFoundException(conversationId);
        if (turnIndex < 0 || turnIndex > source.TurnCount)
        {
            throw new InvalidGuardRequestException("turn_index",
                $"turn_index {turnIndex} is out of range: conversation '{conversationId}' has {source.TurnCount} turns, so use 0..{source.TurnCount}.");
        }

        var newId = string.IsNullOrEmpty(newConversationId) ? $"{Truncate(conversationId, 90)}:br-{Guid.NewGuid():N}" : newConversationId;
        if (string.Equals(newId, conversationId, StringComparison.Ordinal))
        {
            throw new ConversationExistsException(newId);
        }

        var turns = await _store.GetTurnsAsync(conversationId, turnIndex, cancellationToken).ConfigureAwait(false);
        var start = turnIndex == 0 ? ConversationState.New(newId) : turns[^1].StateAfter;
        if (start.Status == ConversationStatus.Ended)
        {
            var endedAt = source.End?.TurnIndex ?? turnIndex - 1;
            throw new GuardPreconditionException("BRANCH_AFTER_END",
                $"Turn {turnIndex} comes after the conversation ended; branch at turn {endedAt + 1} or earlier.");
        }

        var branch = start with
        {
            ConversationId = newId,
            BranchedFrom = conversationId,
            PermittedEnd = EndReason.None,
            RecentVerdicts = [],
            FeedbackRequestIds = [],
            End = null,
        };
        var copied = turns.Select(t => t with { StateAfter = t.StateAfter with { ConversationId = newId } }).ToList();
        if (!await _store.TryCreateAsync(branch, copied, cancellationToken).ConfigureAwait(false))
        {
            throw new ConversationExistsException(newId);
        }

        return branch.ToSnapshot();
    }

    /// <inheritdoc />
    public async ValueTask<FeedbackOutcome> SubmitFeedbackAsync(FeedbackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidator.RequireId(request.ConversationId, "conversation_id");
        RequestValidator.OptionalId(request.RequestId, "request_id");
        RequestValidator.RequireChosen(request.Source, "source");
        RequestValidator.RequireChosen(request.Verdict, "verdict");
        RequestValidator.LimitText(request.Comment, "comment", FeedbackRequest.MaxCommentBytes);

        var comment = string.IsNullOrEmpty(request.Comment) ? null : request.Comment;
        var requestId = string.IsNullOrEmpty(request.RequestId) ? null : request.RequestId;
        var record = new FeedbackRecord
        {
            ConversationId = request.ConversationId,
            Source = request.Source,
            Verdict = request.Verdict,
            RecordedAt = _time.GetUtcNow(),
            CommentBytes = comment is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(comment),
            CommentHash = comment is null ? null : TextHash.Of(comment),
            Comment = _options.StoreText ? comment : null,
            RequestId = requestId,
        };
        var repeated = await _store.UpdateAsync(request.ConversationId, current =>
        {
            if (current is null)
            {
                throw new ConversationNotFoundException(request.ConversationId);
            }

            if (requestId is not null && current.FeedbackRequestIds.Contains(requestId, StringComparer.Ordinal))
            {
                return StoreUpdate<bool>.NoChange(true);
            }

            var remembered = requestId is null ? current.FeedbackRequestIds : current.FeedbackRequestIdsWith(requestId);
            return new StoreUpdate<bool>
            {
                NewState = current with { FeedbackRequestIds = remembered },
                Feedback = record,
                Tallies = [new Tally(Tally.HourOf(record.RecordedAt), Tally.Feedback, Tally.LabelOf(record.Verdict))],
                Result = false,
            };
        }, cancellationToken).ConfigureAwait(false);
        if (!repeated)
        {
            return new FeedbackOutcome(record, AlreadyRecorded: false);
        }

        var stored = await _store.GetFeedbackAsync(request.ConversationId, cancellationToken).ConfigureAwait(false);
        return new FeedbackOutcome(stored.LastOrDefault(f => string.Equals(f.RequestId, requestId, StringComparison.Ordinal)) ?? record,
            AlreadyRecorded: true);
    }

    /// <inheritdoc />
    public async ValueTask<EndPage> ListEndsAsync(EndQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = RequestValidator.PageSize(query.PageSize);
        RequestValidator.RequireDefined(query.Reason, "reason");
        RequestValidator.RequireDefined(query.Feedback, "feedback");
        if (query.From is { } from && query.To is { } to && to <= from)
        {
            throw new InvalidGuardRequestException("end_time", $"end_time {to:O} is not after start_time {from:O}.");
        }

        EndCursor? after = null;
        if (!string.IsNullOrEmpty(query.PageToken))
        {
            after = EndCursor.FromToken(query.PageToken) ?? throw EndCursor.InvalidToken();
        }

        // One more than the page tells whether another page follows.
        var found = await _store.ListEndsAsync(query, after, size + 1, cancellationToken).ConfigureAwait(false);
        var page = found.Take(size).ToList();
        var ends = new List<EndSummary>(page.Count);
        foreach (var (record, _) in page)
        {
            ends.Add(new EndSummary(record, await _store.GetFeedbackAsync(record.ConversationId, cancellationToken).ConfigureAwait(false)));
        }

        return new EndPage(ends, found.Count > size ? page[^1].Position.ToToken() : null);
    }

    /// <inheritdoc />
    public async ValueTask<StatsReport> GetStatsAsync(StatsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequestValidator.RequireDefined(query.Bucket, "bucket");
        var hoursPerPeriod = query.Bucket == StatsBucket.Hour ? 1 : 24;
        var last = PeriodStart(Tally.HourOf(query.To is { } to ? to.AddTicks(-1) : _time.GetUtcNow()), hoursPerPeriod);
        var first = query.From is { } from ? PeriodStart(Tally.HourOf(from), hoursPerPeriod) : last - (13 * hoursPerPeriod);
        if (query.From is not null && query.To is not null && query.To <= query.From)
        {
            throw new InvalidGuardRequestException("end_time", $"end_time {query.To:O} is not after start_time {query.From:O}.");
        }

        if (last < first)
        {
            throw new InvalidGuardRequestException("start_time", $"start_time {query.From:O} is after the range's end; nothing can be counted there yet.");
        }

        var periods = ((last - first) / hoursPerPeriod) + 1;
        if (periods > StatsQuery.MaxPeriods)
        {
            throw new InvalidGuardRequestException("start_time",
                $"The range holds {periods} periods; at most {StatsQuery.MaxPeriods} can be asked for at once (use days, or a shorter range).");
        }

        var counts = await _store.GetTalliesAsync(first, last + hoursPerPeriod, cancellationToken).ConfigureAwait(false);
        var builders = Enumerable.Range(0, (int)periods).Select(i => new StatsBuilder(first + (i * hoursPerPeriod))).ToArray();
        var total = new StatsBuilder(first);
        foreach (var count in counts)
        {
            builders[(count.Hour - first) / hoursPerPeriod].Add(count);
            total.Add(count);
        }

        return new StatsReport([.. builders.Select(b => b.Build())], total.Build());
    }

    private static long PeriodStart(long hour, int hoursPerPeriod) => hour - (((hour % hoursPerPeriod) + hoursPerPeriod) % hoursPerPeriod);

    private StoreUpdate<TurnVerdict> Decide(PolicyEngine engine, ConversationState state, TurnContext turn, string? turnId, string? text, long hour)
    {
        if (turnId is not null && state.FindVerdict(turnId) is { } recorded)
        {
            if (!string.Equals(recorded.TextHash, turn.TextHash, StringComparison.Ordinal))
            {
                throw new InvalidGuardRequestException("turn_id",
                    $"turn_id '{turnId}' was already used for turn {recorded.TurnIndex} with a different text; use a new turn_id per turn.");
            }

            return StoreUpdate<TurnVerdict>.NoChange(ToVerdict(recorded, state, replayed: true));
        }

        var decision = engine.Evaluate(state, turn);
        if (state.Status == ConversationStatus.Ended)
        {
            // Turns sent to an ended conversation change nothing and store nothing: the count, the turn rows and the
            // idempotency memory stay as they were at the end, so an ended conversation cannot be made to grow.
            var ended = new RecordedVerdict
            {
                TurnId = turnId ?? "",
                TextHash = turn.TextHash,
                TurnIndex = state.TurnCount,
                Action = decision.Action,
                Categories = decision.Categories,
                Reason = decision.Reason,
            };
            return StoreUpdate<TurnVerdict>.NoChange(ToVerdict(ended, state, replayed: false));
        }

        if (turn.Signals.Note is { Length: > 0 } note)
        {
            decision = decision with { Reason = $"{decision.Reason} ({note})" };
        }

        var verdict = new RecordedVerdict
        {
            TurnId = turnId ?? "",
            TextHash = turn.TextHash,
            TurnIndex = decision.TurnIndex,
            Action = decision.Action,
            EndReason = decision.EndReason,
            Categories = decision.Categories,
            Reason = decision.Reason,
        };
        var next = turnId is null ? decision.Next : decision.Next with { RecentVerdicts = decision.Next.VerdictsWith(verdict) };
        var record = new TurnRecord
        {
            Index = decision.TurnIndex,
            TurnId = turnId,
            TextHash = turn.TextHash,
            Action = decision.Action,
            // Branches start from these snapshots; idempotency memory and end records belong to the original only.
            StateAfter = next.RecentVerdicts.Count == 0 && next.End is null ? next : next with { RecentVerdicts = [], End = null },
            Text = text,
        };
        return new StoreUpdate<TurnVerdict>
        {
            NewState = next,
            Turn = record,
            Tallies = decision.Action == TurnAction.Support ? [new Tally(hour, Tally.Support, "")] : null,
            Result = ToVerdict(verdict, next, replayed: false),
        };
    }

    private static TurnVerdict ToVerdict(RecordedVerdict verdict, ConversationState state, bool replayed) => new()
    {
        Action = verdict.Action,
        EndReason = verdict.EndReason,
        Categories = verdict.Categories,
        Reason = verdict.Reason,
        Guidance = Policy.Guidance.For(verdict.Action, verdict.EndReason),
        State = state.ToSnapshot(),
        TurnIndex = verdict.TurnIndex,
        Replayed = replayed,
    };

    private static EndRecord EndRecordFor(ConversationState state, EndReason reason, string policyVersion, DateTimeOffset now, string? requestId)
    {
        IReadOnlyList<string> evidence = reason == EndReason.Abuse
            ? state.Streak.Evidence
            : [.. new[] { state.EndRequestHash, state.LastTurn.TextHash }.OfType<string>().Where(h => h.Length > 0).Distinct()];
        return new EndRecord
        {
            ConversationId = state.ConversationId,
            Reason = reason,
            EndedAt = now,
            Category = reason == EndReason.Abuse ? state.Streak.Category : null,
            TurnIndex = Math.Max(0, state.TurnCount - 1),
            PolicyVersion = policyVersion,
            EvidenceHashes = evidence,
            RequestId = string.IsNullOrEmpty(requestId) ? null : requestId,
        };
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
