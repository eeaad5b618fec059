using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Testing;

/// <summary>
/// The contract of <see cref="IConversationStore"/>: atomic read-decide-write per conversation, append-only turns
/// and audit, create-if-absent. A store's test class derives from this and supplies the store.
/// </summary>
public abstract class ConversationStoreConformanceTests : IAsyncLifetime
{
    private IConversationStore? _store;

    /// <summary>The store under test, created fresh for each test.</summary>
    protected IConversationStore Store => _store ?? throw new InvalidOperationException("Store not created.");

    /// <summary>Creates an empty store.</summary>
    protected abstract Task<IConversationStore> CreateStoreAsync();

    /// <summary>Releases the store.</summary>
    protected virtual Task DisposeStoreAsync(IConversationStore store)
    {
        (store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    private static string NewId() => "s-" + Guid.NewGuid().ToString("N");

    private static TurnRecord Turn(ConversationState after, int index) => new()
    {
        Index = index,
        TurnId = $"turn-{index}",
        TextHash = new string('a', 64),
        Action = TurnAction.Allow,
        StateAfter = after,
    };

    private Task<int> IncrementAsync(string id) => Store.UpdateAsync(id, current =>
    {
        var state = current ?? ConversationState.New(id);
        var next = state with { TurnCount = state.TurnCount + 1 };
        return new StoreUpdate<int> { NewState = next, Turn = Turn(next, state.TurnCount), Result = next.TurnCount };
    }, CancellationToken.None).AsTask();

    [Fact]
    public async Task Unknown_Conversation_Reads_As_Null()
    {
        Assert.Null(await Store.GetAsync(NewId(), CancellationToken.None));
        Assert.Empty(await Store.GetTurnsAsync(NewId(), 10, CancellationToken.None));
        Assert.Empty(await Store.GetAuditAsync(NewId(), CancellationToken.None));
    }

    [Fact]
    public async Task Update_Sees_Null_First_Then_The_Written_State()
    {
        var id = NewId();
        var seen = new List<int?>();
        for (var i = 0; i < 3; i++)
        {
            await Store.UpdateAsync(id, current =>
            {
                seen.Add(current?.TurnCount);
                var next = (current ?? ConversationState.New(id)) with { TurnCount = (current?.TurnCount ?? 0) + 1 };
                return new StoreUpdate<bool> { NewState = next, Result = true };
            }, CancellationToken.None);
        }

        Assert.Equal([null, 1, 2], seen);
    }

    [Fact]
    public async Task State_Round_Trips_Every_Field()
    {
        var id = NewId();
        var end = new EndRecord
        {
            ConversationId = id,
            Reason = EndReason.Abuse,
            EndedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
            Category = "mass_violence",
            TurnIndex = 3,
            PolicyVersion = "v9",
            EvidenceHashes = ["h1", "h2"],
            RequestId = "r",
        };
        var state = ConversationState.New(id) with
        {
            Status = ConversationStatus.Ended,
            TurnCount = 4,
            Streak = new StreakState { Category = "mass_violence", HarmfulTurns = 4, RedirectsGiven = 2, WarningGiven = true, Evidence = ["h1", "h2"] },
            AtRisk = true,
            PendingEndConfirmation = true,
            EndRequestHash = "e",
            PermittedEnd = EndReason.UserRequested,
            LastTurn = new LastTurn { Kind = TurnKind.Harmful, TopCategory = "abuse", TextHash = "t", StreakBefore = new StreakState { BenignTurns = 1 } },
            RecentVerdicts = [new RecordedVerdict { TurnId = "x", TextHash = "y", TurnIndex = 2, Action = TurnAction.Warn, Categories = [new("abuse", 0.75)], Reason = "why" }],
            End = end,
            BranchedFrom = "parent",
            FeedbackRequestIds = ["f1", "f2"],
        };
        await Store.UpdateAsync(id, _ => new StoreUpdate<bool> { NewState = state, Result = true }, CancellationToken.None);

        var read = await Store.GetAsync(id, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(state with
        {
            Streak = read.Streak, LastTurn = read.LastTurn, RecentVerdicts = read.RecentVerdicts, End = read.End,
            FeedbackRequestIds = read.FeedbackRequestIds,
        }, read);
        Assert.Equal(state.FeedbackRequestIds, read.FeedbackRequestIds);
        Assert.Equal(state.Streak.Evidence, read.Streak.Evidence);
        Assert.Equal(state.Streak with { Evidence = read.Streak.Evidence }, read.Streak);
        Assert.Equal(state.LastTurn.StreakBefore.BenignTurns, read.LastTurn.StreakBefore.BenignTurns);
        Assert.Equal(state.RecentVerdicts[0].Categories, read.RecentVerdicts[0].Categories);
        Assert.Equal(end.EvidenceHashes, read.End!.EvidenceHashes);
        Assert.Equal(end with { EvidenceHashes = read.End.EvidenceHashes }, read.End);
    }

    [Fact]
    public async Task No_Change_Writes_Nothing()
    {
        var id = NewId();
        var result = await Store.UpdateAsync(id, _ => StoreUpdate<string>.NoChange("kept"), CancellationToken.None);
        Assert.Equal("kept", result);
        Assert.Null(await Store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_Throwing_Decision_Writes_Nothing()
    {
        var id = NewId();
        await IncrementAsync(id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateAsync<int>(id, _ => throw new InvalidOperationException("no"), CancellationToken.None).AsTask());
        Assert.Equal(1, (await Store.GetAsync(id, CancellationToken.None))!.TurnCount);
        Assert.Equal(2, await IncrementAsync(id));
    }

    [Fact]
    public async Task Concurrent_Updates_Of_One_Conversation_Lose_Nothing()
    {
        var id = NewId();
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => IncrementAsync(id))));
        Assert.Equal(Enumerable.Range(1, 64), results.Order());
        Assert.Equal(64, (await Store.GetAsync(id, CancellationToken.None))!.TurnCount);
        var turns = await Store.GetTurnsAsync(id, 1000, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 64), turns.Select(t => t.Index));
    }

    [Fact]
    public async Task Turns_Are_Read_Below_A_Count_In_Order()
    {
        var id = NewId();
        for (var i = 0; i < 5; i++)
        {
            await IncrementAsync(id);
        }

        var turns = await Store.GetTurnsAsync(id, 3, CancellationToken.None);
        Assert.Equal([0, 1, 2], turns.Select(t => t.Index));
        Assert.Equal(3, turns[2].StateAfter.TurnCount);
        Assert.Equal("turn-2", turns[2].TurnId);
    }

    [Fact]
    public async Task Audit_Records_Append_In_Order()
    {
        var id = NewId();
        foreach (var reason in new[] { EndReason.Abuse, EndReason.UserRequested })
        {
            var record = new EndRecord { ConversationId = id, Reason = reason, EndedAt = DateTimeOffset.UnixEpoch, PolicyVersion = "p" };
            await Store.UpdateAsync(id, _ => new StoreUpdate<bool> { NewState = ConversationState.New(id), Audit = record, Result = true }, CancellationToken.None);
        }

        Assert.Equal([EndReason.Abuse, EndReason.UserRequested], (await Store.GetAuditAsync(id, CancellationToken.None)).Select(r => r.Reason));
    }

    [Fact]
    public async Task Create_Succeeds_Once()
    {
        var id = NewId();
        var state = ConversationState.New(id) with { TurnCount = 2, BranchedFrom = "origin" };
        Assert.True(await Store.TryCreateAsync(state, [Turn(state with { TurnCount = 1 }, 0), Turn(state, 1)], CancellationToken.None));
        Assert.False(await Store.TryCreateAsync(ConversationState.New(id), [], CancellationToken.None));
        Assert.Equal("origin", (await Store.GetAsync(id, CancellationToken.None))!.BranchedFrom);
        Assert.Equal(2, (await Store.GetTurnsAsync(id, 10, CancellationToken.None)).Count);
        Assert.Equal(3, await IncrementAsync(id));
    }

    [Fact]
    public async Task Create_Fails_For_An_Existing_Conversation()
    {
        var id = NewId();
        await IncrementAsync(id);
        Assert.False(await Store.TryCreateAsync(ConversationState.New(id), [], CancellationToken.None));
        Assert.Equal(1, (await Store.GetAsync(id, CancellationToken.None))!.TurnCount);
    }

    [Fact]
    public void A_Store_Serves_Its_Tenant_Until_Asked_For_Another()
    {
        Assert.True(TenantName.IsValid(Store.Tenant));
        Assert.Equal("acme", Store.ForTenant("acme").Tenant);
        Assert.Equal("beta", Store.ForTenant("acme").ForTenant("beta").Tenant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a}b")]
    [InlineData("ünï")]
    public void A_Tenant_Name_That_Could_Reach_Into_Other_Keys_Is_Refused(string tenant) =>
        Assert.Throws<ArgumentException>(() => Store.ForTenant(tenant));

    [Fact]
    public async Task Tenants_Keep_One_Id_Apart_And_Records_Hold_The_Callers_Id()
    {
        var id = NewId();
        var acme = Store.ForTenant("acme");
        var beta = Store.ForTenant("beta");
        var ended = ConversationState.New(id) with { TurnCount = 1, Status = ConversationStatus.Ended, BranchedFrom = "origin" };
        var end = new EndRecord { ConversationId = id, Reason = EndReason.Abuse, EndedAt = DateTimeOffset.UnixEpoch, PolicyVersion = "p" };
        await acme.UpdateAsync(id, _ => new StoreUpdate<bool> { NewState = ended, Turn = Turn(ended, 0), Audit = end, Result = true },
            CancellationToken.None);

        Assert.Null(await beta.GetAsync(id, CancellationToken.None));
        Assert.Null(await Store.GetAsync(id, CancellationToken.None));
        Assert.Empty(await beta.GetTurnsAsync(id, 10, CancellationToken.None));
        Assert.Empty(await beta.GetAuditAsync(id, CancellationToken.None));

        var seen = (await Store.ForTenant("acme").GetAsync(id, CancellationToken.None))!;
        Assert.Equal((id, ConversationStatus.Ended, 1, "origin"), (seen.ConversationId, seen.Status, seen.TurnCount, seen.BranchedFrom));
        Assert.Equal(id, Assert.Single(await acme.GetTurnsAsync(id, 10, CancellationToken.None)).StateAfter.ConversationId);
        Assert.Equal(id, Assert.Single(await acme.GetAuditAsync(id, CancellationToken.None)).ConversationId);

        // The other tenant's conversation of the same id is its own: created, counted and read apart.
        Assert.True(await beta.TryCreateAsync(ConversationState.New(id) with { TurnCount = 4 }, [], CancellationToken.None));
        Assert.Equal(4, (await beta.GetAsync(id, CancellationToken.None))!.TurnCount);
        Assert.Equal(ConversationStatus.Ended, (await acme.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Its_Own_Tenants_View_Is_The_Store_Itself()
    {
        var id = NewId();
        await IncrementAsync(id);
        Assert.Equal(1, (await Store.ForTenant(Store.Tenant).GetAsync(id, CancellationToken.None))!.TurnCount);
    }

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EndQuery AllEnds => new() { From = Epoch, To = Epoch.AddDays(1) };

    private static FeedbackRecord FeedbackOn(string id, FeedbackVerdict verdict) =>
        new() { ConversationId = id, Source = FeedbackSource.Operator, Verdict = verdict, RecordedAt = Epoch, CommentBytes = 2, CommentHash = "ab" };

    /// <summary>Ends a fresh conversation at <paramref name="minute"/> past <see cref="Epoch"/> in <paramref name="store"/>.</summary>
    private static async Task<string> EndAsync(IConversationStore store, int minute, EndReason reason = EndReason.Abuse, string? category = "abuse")
    {
        var id = NewId();
        var record = new EndRecord { ConversationId = id, Reason = reason, Category = category, EndedAt = Epoch.AddMinutes(minute), PolicyVersion = "p" };
        var state = ConversationState.New(id) with { Status = ConversationStatus.Ended, End = record };
        await store.UpdateAsync(id, _ => new StoreUpdate<bool> { NewState = state, Audit = record, Result = true }, CancellationToken.None);
        return id;
    }

    private async Task<List<string>> ListAsync(EndQuery query, int limit = 100, EndCursor? after = null) =>
        [.. (await Store.ListEndsAsync(query, after, limit, CancellationToken.None)).Select(e => e.Record.ConversationId)];

    [Fact]
    public async Task Feedback_Appends_With_Its_Update_In_Order()
    {
        var id = NewId();
        await IncrementAsync(id);
        foreach (var verdict in new[] { FeedbackVerdict.EndWasWrong, FeedbackVerdict.Other })
        {
            await Store.UpdateAsync(id, current => new StoreUpdate<bool> { NewState = current, Feedback = FeedbackOn(id, verdict), Result = true },
                CancellationToken.None);
        }

        var feedback = await Store.GetFeedbackAsync(id, CancellationToken.None);
        Assert.Equal([FeedbackVerdict.EndWasWrong, FeedbackVerdict.Other], feedback.Select(f => f.Verdict));
        Assert.Equal((FeedbackSource.Operator, 2, "ab", Epoch), (feedback[0].Source, feedback[0].CommentBytes, feedback[0].CommentHash, feedback[0].RecordedAt));
        Assert.Empty(await Store.GetFeedbackAsync(NewId(), CancellationToken.None));
        Assert.Empty(await Store.ForTenant("elsewhere").GetFeedbackAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Ends_Are_Listed_Newest_First_Within_The_Time_Range()
    {
        var tenant = Store.ForTenant("list-" + Guid.NewGuid().ToString("N")[..8]);
        var first = await EndAsync(tenant, 1);
        var second = await EndAsync(tenant, 2);
        var third = await EndAsync(tenant, 3);
        await EndAsync(Store.ForTenant("list-other"), 2);

        List<string> all = [.. (await tenant.ListEndsAsync(AllEnds, null, 100, CancellationToken.None)).Select(e => e.Record.ConversationId)];
        Assert.Equal([third, second, first], all);
        var middle = await tenant.ListEndsAsync(AllEnds with { From = Epoch.AddMinutes(2), To = Epoch.AddMinutes(3) }, null, 100, CancellationToken.None);
        Assert.Equal(second, Assert.Single(middle).Record.ConversationId);
        Assert.Equal(Epoch.AddMinutes(2), middle[0].Record.EndedAt);
    }

    [Fact]
    public async Task Listing_Continues_After_A_Position_Without_Repeats_Or_Gaps()
    {
        var tenant = Store.ForTenant("page-" + Guid.NewGuid().ToString("N")[..8]);
        var ids = new List<string>();
        foreach (var minute in new[] { 5, 5, 5, 4, 3, 3, 1 })
        {
            ids.Add(await EndAsync(tenant, minute));
        }

        var seen = new List<string>();
        EndCursor? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await tenant.ListEndsAsync(AllEnds, after, 2, CancellationToken.None);
            seen.AddRange(page.Select(e => e.Record.ConversationId));
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1].Position;
        }

        Assert.Equal(ids.Count, seen.Count);
        Assert.Equal(ids.ToHashSet(), seen.ToHashSet());
        var times = seen.Select(id => ids.IndexOf(id)).Select(i => new[] { 5, 5, 5, 4, 3, 3, 1 }[i]).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task Ends_Are_Filtered_By_Reason_Category_And_Feedback()
    {
        var tenant = Store.ForTenant("filter-" + Guid.NewGuid().ToString("N")[..8]);
        var abuse = await EndAsync(tenant, 1, EndReason.Abuse, "mass_violence");
        var asked = await EndAsync(tenant, 2, EndReason.UserRequested, category: null);
        var wrong = await EndAsync(tenant, 3, EndReason.Abuse, "abuse");
        var right = await EndAsync(tenant, 4, EndReason.Abuse, "abuse");
        foreach (var (id, verdict) in new[] { (wrong, FeedbackVerdict.EndWasRight), (wrong, FeedbackVerdict.EndWasWrong), (right, FeedbackVerdict.EndWasRight) })
        {
            await tenant.UpdateAsync(id, current => new StoreUpdate<bool> { NewState = current, Feedback = FeedbackOn(id, verdict), Result = true },
                CancellationToken.None);
        }

        async Task<List<string>> Listed(EndQuery query) =>
            [.. (await tenant.ListEndsAsync(query, null, 100, CancellationToken.None)).Select(e => e.Record.ConversationId)];

        Assert.Equal([asked], await Listed(AllEnds with { Reason = EndReason.UserRequested }));
        Assert.Equal([right, wrong, abuse], await Listed(AllEnds with { Reason = EndReason.Abuse }));
        Assert.Equal([abuse], await Listed(AllEnds with { Category = "mass_violence" }));
        Assert.Equal([asked, abuse], await Listed(AllEnds with { Feedback = EndFeedbackFilter.None }));
        Assert.Equal([right, wrong], await Listed(AllEnds with { Feedback = EndFeedbackFilter.WithFeedback }));
        Assert.Equal([wrong], await Listed(AllEnds with { Feedback = EndFeedbackFilter.MarkedWrong }));
        Assert.Equal([right], await Listed(AllEnds with { Category = "abuse", Feedback = EndFeedbackFilter.WithFeedback, To = Epoch.AddMinutes(5), From = Epoch.AddMinutes(4) }));
    }

    [Fact]
    public async Task Tallies_Count_With_Their_Update_Per_Tenant_And_Hour()
    {
        var tenant = Store.ForTenant("tally-" + Guid.NewGuid().ToString("N")[..8]);
        var hour = Tally.HourOf(Epoch);
        var id = NewId();
        await tenant.UpdateAsync(id, _ => new StoreUpdate<bool>
        {
            NewState = ConversationState.New(id),
            Tallies = [new Tally(hour, Tally.Support, ""), new Tally(hour, Tally.End, "ABUSE")],
            Result = true,
        }, CancellationToken.None);
        // An update that changes nothing about the conversation still counts (a refused end).
        await tenant.UpdateAsync(id, _ => new StoreUpdate<bool> { Tallies = [new Tally(hour, Tally.Support, "")], Result = true }, CancellationToken.None);
        await tenant.UpdateAsync(id, _ => new StoreUpdate<bool> { Tallies = [new Tally(hour + 30, Tally.EndRefused, "AT_RISK_VETO")], Result = true },
            CancellationToken.None);
        await Store.ForTenant("tally-elsewhere").UpdateAsync(id, _ => new StoreUpdate<bool> { Tallies = [new Tally(hour, Tally.Support, "")], Result = true },
            CancellationToken.None);

        var counts = (await tenant.GetTalliesAsync(hour, hour + 48, CancellationToken.None)).OrderBy(c => c.Hour).ThenBy(c => c.Kind).ToList();
        Assert.Equal(
            [new TallyCount(hour, Tally.End, "ABUSE", 1), new TallyCount(hour, Tally.Support, "", 2), new TallyCount(hour + 30, Tally.EndRefused, "AT_RISK_VETO", 1)],
            counts);
        Assert.Equal([new TallyCount(hour + 30, Tally.EndRefused, "AT_RISK_VETO", 1)], await tenant.GetTalliesAsync(hour + 1, hour + 31, CancellationToken.None));
        Assert.Empty(await tenant.GetTalliesAsync(hour + 31, hour + 500, CancellationToken.None));
    }
}
