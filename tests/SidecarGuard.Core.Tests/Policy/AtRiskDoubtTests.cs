using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using static SidecarGuard.Core.Tests.Policy.EngineDriver;

namespace SidecarGuard.Core.Tests.Policy;

/// <summary>Doubt blocks ends: weak at-risk evidence, or the assistant's own crisis offer, disables ending for harmful use.</summary>
public sealed class AtRiskDoubtTests
{
    private const string Abuse = HarmCategories.Abuse;
    private const string Terror = HarmCategories.MassViolence;

    private static TurnSignals WeakAtRisk(double score = 0.35) => new() { Categories = [new(HarmCategories.SelfHarm, score)] };

    [Fact]
    public void A_Weak_At_Risk_Turn_Means_Abuse_Never_Warns_Or_Ends()
    {
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.Allow, driver.Turn(WeakAtRisk()).Action);
        Assert.True(driver.State.AtRiskDoubt);
        var actions = driver.Turns(Enumerable.Repeat(Harm(Abuse), 6).ToArray());
        Assert.All(actions, a => Assert.Equal(TurnAction.Redirect, a));
        var refusal = driver.Engine.CanEnd(driver.State, SidecarGuard.EndReason.Abuse);
        Assert.False(refusal.Permitted);
        Assert.Equal(SidecarGuard.EndRefusalCode.AtRiskVeto, refusal.Refusal);
    }

    [Fact]
    public void Without_Doubt_The_Same_Abuse_Ends()
    {
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.Allow, driver.Turn(WeakAtRisk(0.25)).Action);
        Assert.False(driver.State.AtRiskDoubt);
        Assert.Equal(TurnAction.End, driver.Turns(Enumerable.Repeat(Harm(Abuse), 5).ToArray())[^1]);
    }

    [Fact]
    public void A_Crisis_Offer_By_The_Assistant_Is_Evidence_Too()
    {
        var driver = new EngineDriver();
        driver.Turn(Benign);
        driver.Turn(Harm(Terror), previousOfferedHelp: true);
        Assert.True(driver.State.AtRiskDoubt);
        Assert.All(driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror), Harm(Terror)), a => Assert.Equal(TurnAction.Redirect, a));
    }

    [Fact]
    public void A_Weak_At_Risk_Score_Inside_An_Insult_Raises_No_Doubt()
    {
        // "fuck off and die, you stupid bot": the weak self-harm score is explained by the insult itself.
        var insult = new TurnSignals { Categories = [new(Abuse, 0.9), new(HarmCategories.SelfHarm, 0.4)] };
        var driver = new EngineDriver();
        var actions = driver.Turns(insult, insult, insult, insult, insult);
        Assert.False(driver.State.AtRiskDoubt);
        Assert.Equal(TurnAction.End, actions[^1]);
    }

    [Fact]
    public void A_User_At_Risk_Who_Insults_The_Assistant_Gets_Support_Not_A_Redirect()
    {
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.Support, driver.Turn(AtRisk).Action);
        var hostile = driver.Turn(Harm(Abuse));
        Assert.Equal(TurnAction.Support, hostile.Action);
        Assert.Contains("do not escalate", hostile.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void A_User_At_Risk_Who_Confirms_Or_Asks_An_End_With_An_Insult_Gets_Support(bool confirmation, bool request)
    {
        // "yes, end it, you useless piece of junk" after a turn with at-risk signals: care, never a redirect or an end.
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.Support, driver.Turn(AtRisk).Action);
        var angry = new TurnSignals { EndConfirmation = confirmation, EndRequest = request, Categories = [new(Abuse, 0.9)] };
        var decision = driver.Turn(angry);
        Assert.Equal(TurnAction.Support, decision.Action);
        Assert.Equal(TurnAction.Support, driver.Turn(angry).Action);
        Assert.False(driver.Engine.CanEnd(driver.State, SidecarGuard.EndReason.UserRequested).Permitted);
    }

    [Fact]
    public void The_Doubt_Threshold_Comes_From_The_Policy()
    {
        var driver = new EngineDriver(new PolicyOptions { AtRiskDoubtThreshold = 0.5 });
        driver.Turn(WeakAtRisk(0.45));
        Assert.False(driver.State.AtRiskDoubt);
    }

    [Fact]
    public void The_Policy_File_Sets_The_Doubt_Threshold_And_Refuses_One_Out_Of_Range()
    {
        Assert.Equal(0.45, PolicyFile.Parse("""{"atRiskDoubtThreshold": 0.45}""").AtRiskDoubtThreshold);
        var error = Assert.Throws<PolicyFileException>(() => PolicyFile.Parse("""{"atRiskDoubtThreshold": 1.5}"""));
        Assert.Contains("AtRiskDoubtThreshold", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Doubt_Survives_Storage()
    {
        var driver = new EngineDriver();
        driver.Turn(WeakAtRisk());
        var stored = SidecarGuard.Core.Storage.StateSerializer.DeserializeState(SidecarGuard.Core.Storage.StateSerializer.Serialize(driver.State));
        Assert.True(stored.AtRiskDoubt);
    }
}
