using SidecarGuard.Core.Detection;
using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;
using SidecarGuard.Core.Tests.Policy;
using static SidecarGuard.Core.Tests.Policy.EngineDriver;

namespace SidecarGuard.Core.Tests.Storage;

/// <summary>Which state changes must be on disk before they are acknowledged, driven through the real policy engine.</summary>
public sealed class DurableWritesTests
{
    private const string Terror = HarmCategories.MassViolence;

    private static readonly TurnSignals WeakAtRisk = new() { Categories = [new(HarmCategories.SelfHarm, 0.35)] };

    /// <summary>Runs one turn and says whether the store would have to flush it.</summary>
    private static bool MustReachDisk(EngineDriver driver, TurnSignals signals)
    {
        var before = driver.State;
        driver.Turn(signals);
        return DurableWrites.MustReachDisk(before, driver.State);
    }

    [Fact]
    public void Everyday_Turns_Of_A_Clean_Conversation_Wait()
    {
        var driver = new EngineDriver();
        Assert.False(DurableWrites.MustReachDisk(null, ConversationState.New("c1") with { TurnCount = 1 }));
        Assert.All(Enumerable.Range(0, 5), _ => Assert.False(MustReachDisk(driver, Benign)));
    }

    [Fact]
    public void Every_Step_Of_A_Streak_And_The_End_Reach_The_Disk()
    {
        var driver = new EngineDriver();
        Assert.True(MustReachDisk(driver, Harm(Terror)));
        Assert.True(MustReachDisk(driver, Harm(Terror)));
        Assert.True(MustReachDisk(driver, Harm(Terror)));
        Assert.True(driver.State.Streak.WarningGiven);
        Assert.True(MustReachDisk(driver, Harm(Terror)));
        Assert.Equal(SidecarGuard.EndReason.Abuse, driver.State.PermittedEnd);
        var ended = driver.State with { Status = SidecarGuard.ConversationStatus.Ended };
        Assert.True(DurableWrites.MustReachDisk(driver.State, ended));
    }

    [Fact]
    public void Backing_Off_Reaches_The_Disk_And_So_Does_The_Turn_After_It()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror));
        Assert.True(MustReachDisk(driver, Benign));
        Assert.True(MustReachDisk(driver, Benign));
        Assert.False(driver.State.Streak.IsActive);
        // Until a later turn replaces the reset turn as the last one, a reported refusal could re-judge it from the
        // streak before it.
        Assert.True(MustReachDisk(driver, Benign));
        Assert.False(MustReachDisk(driver, Benign));
    }

    [Fact]
    public void A_Turn_After_One_With_A_Weak_Harm_Reading_Reaches_The_Disk()
    {
        var driver = new EngineDriver();
        Assert.False(MustReachDisk(driver, Harm(Terror, 0.3)));
        Assert.True(MustReachDisk(driver, Benign));
        Assert.False(MustReachDisk(driver, Benign));
    }

    [Fact]
    public void At_Risk_Veto_Doubt_And_A_Withdrawn_End_Request_Are_Written_Through()
    {
        Assert.True(MustReachDisk(new EngineDriver(), AtRisk));
        Assert.True(MustReachDisk(new EngineDriver(), WeakAtRisk));

        var asking = new EngineDriver();
        Assert.False(MustReachDisk(asking, EndRequest));
        Assert.True(asking.State.PendingEndConfirmation);
        Assert.True(MustReachDisk(asking, Benign));
        Assert.False(asking.State.PendingEndConfirmation);
    }

    /// <summary>
    /// The property the rule exists for: in any conversation, losing one write the rule lets wait (the conversation
    /// replayed from the state before it) never brings an end earlier, and never loses the at-risk veto or doubt.
    /// </summary>
    [Fact]
    public void Losing_Any_Write_That_Waited_Never_Brings_An_End_Closer_Or_Drops_The_Veto()
    {
        TurnSignals[] pool =
        [
            Benign, Benign, Harm(Terror), Harm(Terror), Harm(HarmCategories.Abuse), Harm(HarmCategories.Illicit),
            Harm(HarmCategories.ChildSexualExploitation), Harm(Terror, 0.3), WeakAtRisk, AtRisk, EndRequest, Confirmation,
        ];
        var random = new Random(20261207);
        var checkedLosses = 0;
        for (var conversation = 0; conversation < 20_000; conversation++)
        {
            var turns = Enumerable.Range(0, 14).Select(_ => (Signals: pool[random.Next(pool.Length)], Refused: random.Next(4) == 0)).ToArray();
            var truth = Replay(turns, lost: -1);
            for (var lost = 0; lost < turns.Length; lost++)
            {
                if (truth.Durable[lost] || truth.FirstEnd < lost)
                {
                    continue;
                }

                var lossy = Replay(turns, lost);
                checkedLosses++;
                Assert.True(lossy.FirstEnd >= truth.FirstEnd,
                    $"losing turn {lost} of [{Describe(turns)}] ended at turn {lossy.FirstEnd} instead of {truth.FirstEnd}");
                for (var t = lost + 1; t < turns.Length; t++)
                {
                    Assert.True(!truth.Vetoed[t] || lossy.Vetoed[t], $"losing turn {lost} of [{Describe(turns)}] dropped the veto at turn {t}");
                }
            }
        }

        Assert.True(checkedLosses > 10_000, $"only {checkedLosses} losses were checked");
    }

    private static (int FirstEnd, bool[] Durable, bool[] Vetoed) Replay((TurnSignals Signals, bool Refused)[] turns, int lost)
    {
        var driver = new EngineDriver();
        var firstEnd = int.MaxValue;
        var durable = new bool[turns.Length];
        var vetoed = new bool[turns.Length];
        for (var t = 0; t < turns.Length; t++)
        {
            var before = driver.State;
            var decision = driver.Turn(turns[t].Signals, previousRefused: turns[t].Refused);
            durable[t] = DurableWrites.MustReachDisk(before, driver.State);
            if (t == lost)
            {
                driver = driver.WithState(before);
            }

            if (decision.Action == TurnAction.End && t != lost)
            {
                firstEnd = Math.Min(firstEnd, t);
            }

            vetoed[t] = driver.State.AtRisk || driver.State.AtRiskDoubt;
        }

        return (firstEnd, durable, vetoed);
    }

    private static string Describe((TurnSignals Signals, bool Refused)[] turns) => string.Join(", ", turns.Select(t =>
        (t.Signals.AtRisk ? "at-risk" : t.Signals.EndRequest ? "end-request" : t.Signals.EndConfirmation ? "confirm"
            : t.Signals.Categories.Count == 0 ? "benign" : $"{t.Signals.Categories[0].Name}:{t.Signals.Categories[0].Score}")
        + (t.Refused ? "(refused)" : "")));
}
