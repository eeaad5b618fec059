using Google.Protobuf.WellKnownTypes;

namespace SidecarGuard.Contracts;

/// <summary>
/// The one mapping between the wire contract (<c>sidecarguard.v1</c>) and the guard's model (SidecarGuard.Abstractions),
/// both ways: the sidecar reads requests and writes responses with it, the .NET client writes requests and reads
/// responses. Enum values are equal on both sides by design (a test checks every one); empty strings on the wire are
/// absent values in the model.
/// </summary>
public static class ContractMapping
{
    /// <summary>A turn request for the wire, with the turn id the caller chose (retries reuse it).</summary>
    public static V1.EvaluateTurnRequest ToContract(TurnRequest request, string turnId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new V1.EvaluateTurnRequest
        {
            ConversationId = request.ConversationId ?? "",
            TurnId = turnId ?? "",
            UserText = request.UserText ?? "",
            PreviousAssistantText = request.PreviousAssistantText ?? "",
        };
        if (request.PreviousAssistantRefused is { } refused)
        {
            message.PreviousAssistantRefused = refused;
        }

        return message;
    }

    /// <summary>A turn request as the guard takes it.</summary>
    public static TurnRequest ToModel(V1.EvaluateTurnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.ConversationId, request.UserText)
        {
            TurnId = request.TurnId,
            PreviousAssistantText = request.PreviousAssistantText,
            PreviousAssistantRefused = request.HasPreviousAssistantRefused ? request.PreviousAssistantRefused : null,
        };
    }

    /// <summary>A verdict for the wire.</summary>
    public static V1.EvaluateTurnResponse ToContract(TurnVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var response = new V1.EvaluateTurnResponse
        {
            Action = (V1.TurnAction)verdict.Action,
            EndReason = (V1.EndReason)verdict.EndReason,
            Reason = verdict.Reason,
            Guidance = verdict.Guidance,
            State = ToContract(verdict.State),
            Replayed = verdict.Replayed,
            TurnIndex = verdict.TurnIndex,
        };
        foreach (var category in verdict.Categories)
        {
            response.Categories.Add(new V1.CategoryScore { Name = category.Name, Score = category.Score });
        }

        return response;
    }

    /// <summary>A verdict as the model has it.</summary>
    public static TurnVerdict ToModel(V1.EvaluateTurnResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new()
        {
            Action = (TurnAction)response.Action,
            EndReason = (EndReason)response.EndReason,
            Categories = [.. response.Categories.Select(c => new CategoryScore(c.Name, c.Score))],
            Reason = response.Reason,
            Guidance = response.Guidance,
            State = ToModel(response.State),
            TurnIndex = response.TurnIndex,
            Replayed = response.Replayed,
        };
    }

    /// <summary>A conversation's state for the wire.</summary>
    public static V1.ConversationState ToContract(ConversationSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new()
        {
            ConversationId = state.ConversationId,
            Status = (V1.ConversationStatus)state.Status,
            TurnCount = state.TurnCount,
            StreakCategory = state.StreakCategory ?? "",
            StreakHarmfulTurns = state.StreakHarmfulTurns,
            RedirectsGiven = state.RedirectsGiven,
            WarningGiven = state.WarningGiven,
            AtRisk = state.AtRisk,
            PendingEndConfirmation = state.PendingEndConfirmation,
            PermittedEnd = (V1.EndReason)state.PermittedEnd,
            BenignStreak = state.BenignStreak,
            BranchedFrom = state.BranchedFrom ?? "",
        };
    }

    /// <summary>A conversation's state as the model has it (an absent state reads as an empty one).</summary>
    public static ConversationSnapshot ToModel(V1.ConversationState? state)
    {
        state ??= new V1.ConversationState();
        return new()
        {
            ConversationId = state.ConversationId,
            Status = (ConversationStatus)state.Status,
            TurnCount = state.TurnCount,
            StreakCategory = EmptyToNull(state.StreakCategory),
            StreakHarmfulTurns = state.StreakHarmfulTurns,
            RedirectsGiven = state.RedirectsGiven,
            WarningGiven = state.WarningGiven,
            AtRisk = state.AtRisk,
            PendingEndConfirmation = state.PendingEndConfirmation,
            PermittedEnd = (EndReason)state.PermittedEnd,
            BenignStreak = state.BenignStreak,
            BranchedFrom = EmptyToNull(state.BranchedFrom),
        };
    }

    /// <summary>An end record for the wire.</summary>
    public static V1.EndRecord ToContract(EndRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = new V1.EndRecord
        {
            ConversationId = record.ConversationId,
            Reason = (V1.EndReason)record.Reason,
            EndedAt = Timestamp.FromDateTimeOffset(record.EndedAt),
            Category = record.Category ?? "",
            TurnIndex = record.TurnIndex,
            PolicyVersion = record.PolicyVersion,
            RequestId = record.RequestId ?? "",
        };
        message.EvidenceHashes.AddRange(record.EvidenceHashes);
        return message;
    }

    /// <summary>An end record as the model has it.</summary>
    public static EndRecord ToModel(V1.EndRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new()
        {
            ConversationId = record.ConversationId,
            Reason = (EndReason)record.Reason,
            EndedAt = record.EndedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
            Category = EmptyToNull(record.Category),
            TurnIndex = record.TurnIndex,
            PolicyVersion = record.PolicyVersion,
            EvidenceHashes = [.. record.EvidenceHashes],
            RequestId = EmptyToNull(record.RequestId),
        };
    }

    /// <summary>A feedback submission for the wire.</summary>
    public static V1.SubmitFeedbackRequest ToContract(FeedbackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            ConversationId = request.ConversationId ?? "",
            Source = (V1.FeedbackSource)request.Source,
            Verdict = (V1.FeedbackVerdict)request.Verdict,
            Comment = request.Comment ?? "",
            RequestId = request.RequestId ?? "",
        };
    }

    /// <summary>A feedback submission as the guard takes it.</summary>
    public static FeedbackRequest ToModel(V1.SubmitFeedbackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.ConversationId, (FeedbackSource)request.Source, (FeedbackVerdict)request.Verdict)
        {
            Comment = EmptyToNull(request.Comment),
            RequestId = EmptyToNull(request.RequestId),
        };
    }

    /// <summary>The outcome of a feedback submission for the wire.</summary>
    public static V1.SubmitFeedbackResponse ToContract(FeedbackOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new() { Record = ToContract(outcome.Record), AlreadyRecorded = outcome.AlreadyRecorded };
    }

    /// <summary>The outcome of a feedback submission as the model has it.</summary>
    public static FeedbackOutcome ToModel(V1.SubmitFeedbackResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(ToModel(response.Record ?? new V1.FeedbackRecord()), response.AlreadyRecorded);
    }

    /// <summary>A feedback record for the wire.</summary>
    public static V1.FeedbackRecord ToContract(FeedbackRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new()
        {
            ConversationId = record.ConversationId,
            Source = (V1.FeedbackSource)record.Source,
            Verdict = (V1.FeedbackVerdict)record.Verdict,
            RecordedAt = Timestamp.FromDateTimeOffset(record.RecordedAt),
            CommentBytes = record.CommentBytes,
            CommentSha256 = record.CommentHash ?? "",
            Comment = record.Comment ?? "",
            RequestId = record.RequestId ?? "",
        };
    }

    /// <summary>A feedback record as the model has it.</summary>
    public static FeedbackRecord ToModel(V1.FeedbackRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new()
        {
            ConversationId = record.ConversationId,
            Source = (FeedbackSource)record.Source,
            Verdict = (FeedbackVerdict)record.Verdict,
            RecordedAt = record.RecordedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
            CommentBytes = record.CommentBytes,
            CommentHash = EmptyToNull(record.CommentSha256),
            Comment = EmptyToNull(record.Comment),
            RequestId = EmptyToNull(record.RequestId),
        };
    }

    /// <summary>A listing of ends for the wire.</summary>
    public static V1.ListEndsRequest ToContract(EndQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new V1.ListEndsRequest
        {
            Reason = (V1.EndReason)query.Reason,
            Category = query.Category ?? "",
            Feedback = (V1.FeedbackFilter)query.Feedback,
            PageSize = query.PageSize,
            PageToken = query.PageToken ?? "",
        };
        if (query.From is { } from)
        {
            request.StartTime = Timestamp.FromDateTimeOffset(from);
        }

        if (query.To is { } to)
        {
            request.EndTime = Timestamp.FromDateTimeOffset(to);
        }

        return request;
    }

    /// <summary>A listing of ends as the guard takes it.</summary>
    public static EndQuery ToModel(V1.ListEndsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            From = request.StartTime?.ToDateTimeOffset(),
            To = request.EndTime?.ToDateTimeOffset(),
            Reason = (EndReason)request.Reason,
            Category = EmptyToNull(request.Category),
            Feedback = (EndFeedbackFilter)request.Feedback,
            PageSize = request.PageSize,
            PageToken = EmptyToNull(request.PageToken),
        };
    }

    /// <summary>A page of ends for the wire.</summary>
    public static V1.ListEndsResponse ToContract(EndPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = new V1.ListEndsResponse { NextPageToken = page.NextPageToken ?? "" };
        foreach (var end in page.Ends)
        {
            var summary = new V1.EndSummary { Record = ToContract(end.Record) };
            summary.Feedback.AddRange(end.Feedback.Select(ToContract));
            response.Ends.Add(summary);
        }

        return response;
    }

    /// <summary>A page of ends as the model has it.</summary>
    public static EndPage ToModel(V1.ListEndsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new([.. response.Ends.Select(e => new EndSummary(ToModel(e.Record ?? new V1.EndRecord()), [.. e.Feedback.Select(ToModel)]))],
            EmptyToNull(response.NextPageToken));
    }

    /// <summary>A statistics request for the wire.</summary>
    public static V1.GetStatsRequest ToContract(StatsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new V1.GetStatsRequest { Bucket = (V1.StatsBucket)query.Bucket };
        if (query.From is { } from)
        {
            request.StartTime = Timestamp.FromDateTimeOffset(from);
        }

        if (query.To is { } to)
        {
            request.EndTime = Timestamp.FromDateTimeOffset(to);
        }

        return request;
    }

    /// <summary>A statistics request as the guard takes it.</summary>
    public static StatsQuery ToModel(V1.GetStatsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new() { From = request.StartTime?.ToDateTimeOffset(), To = request.EndTime?.ToDateTimeOffset(), Bucket = (StatsBucket)request.Bucket };
    }

    /// <summary>Statistics for the wire.</summary>
    public static V1.GetStatsResponse ToContract(StatsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var response = new V1.GetStatsResponse { Total = ToContract(report.Total) };
        response.Periods.AddRange(report.Periods.Select(ToContract));
        return response;
    }

    /// <summary>Statistics as the model has them.</summary>
    public static StatsReport ToModel(V1.GetStatsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new([.. response.Periods.Select(ToModel)], ToModel(response.Total ?? new V1.StatsPeriod()));
    }

    private static V1.StatsPeriod ToContract(StatsPeriod period)
    {
        var message = new V1.StatsPeriod { StartTime = Timestamp.FromDateTimeOffset(period.Start), SupportTurns = period.SupportTurns };
        message.EndsByReason.Add(period.EndsByReason.ToDictionary());
        message.EndsByCategory.Add(period.EndsByCategory.ToDictionary());
        message.RefusedEnds.Add(period.RefusedEnds.ToDictionary());
        message.Feedback.Add(period.Feedback.ToDictionary());
        return message;
    }

    private static StatsPeriod ToModel(V1.StatsPeriod period) => new()
    {
        Start = period.StartTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
        EndsByReason = period.EndsByReason.ToDictionary(),
        EndsByCategory = period.EndsByCategory.ToDictionary(),
        RefusedEnds = period.RefusedEnds.ToDictionary(),
        SupportTurns = period.SupportTurns,
        Feedback = period.Feedback.ToDictionary(),
    };

    private static string? EmptyToNull(string value) => value.Length == 0 ? null : value;
}
