using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using static SidecarGuard.Core.Tests.Policy.EngineDriver;

namespace SidecarGuard.Core.Tests.Policy;

/// <summary>
/// Rule 8, follow-ups: during a harmful streak a turn is read in the light of the conversation. A related category,
/// a weak score for the streak's category, or pressing for what was refused continues the streak; a user who moves
/// on is still forgiven, and a conversation with at-risk signals keeps getting support.
/// </summary>
public sealed class FollowUpRuleTests
{
    private const string Csam = HarmCategories.ChildSexualExploitation;
    private const string Terror = HarmCategories.MassViolence;

    private static TurnSignals Insisting => new() { Insistence = true };

    [Fact]
    public void A_Related_Category_Continues_The_Streak_In_The_Streaks_Category()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(Csam), Harm(HarmCategories.Sexual), Harm(HarmCategories.Sexual), Harm(HarmCategories.Sexual));
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
        Assert.Equal(Csam, driver.State.Streak.Category);
    }

    [Fact]
    public void Without_A_Streak_A_Related_Category_Is_Only_Itself()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(HarmCategories.Sexual), Harm(HarmCategories.Sexual), Harm(HarmCategories.Sexual), Harm(HarmCategories.Sexual));
        Assert.All(actions, a => Assert.Equal(TurnAction.Redirect, a));
    }

    [Fact]
    public void An_Unrelated_Category_Keeps_Its_Own_Name_And_Does_Not_Advance_The_End()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Csam), Harm(Csam));
        var illicit = driver.Turn(Harm(HarmCategories.Illicit));
        Assert.Equal(TurnAction.Redirect, illicit.Action);
        Assert.Equal(2, driver.State.Streak.RedirectsGiven);
    }

    [Fact]
    public void A_Weak_Score_For_The_Streaks_Category_Continues_It()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror));
        Assert.Equal(TurnAction.Warn, driver.Turn(Harm(Terror, 0.35)).Action);
        Assert.Equal(TurnAction.End, driver.Turn(Harm(HarmCategories.Violence, 0.31)).Action);
    }

    [Fact]
    public void A_Score_Under_The_Follow_Up_Threshold_Is_Benign()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror));
        Assert.Equal(TurnAction.Allow, driver.Turn(Harm(Terror, 0.25)).Action);
    }

    [Fact]
    public void Pressing_For_What_Was_Refused_Continues_The_Streak()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(Csam), Insisting, Insisting, Insisting);
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
    }

    [Fact]
    public void Pressing_Without_A_Streak_Means_Nothing()
    {
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Allow, TurnAction.Allow], driver.Turns(Insisting, Insisting));
        Assert.False(driver.State.Streak.IsActive);
    }

    [Fact]
    public void A_User_Who_Moves_On_Is_Still_Forgiven()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Csam), Harm(Csam), Benign, Benign);
        Assert.False(driver.State.Streak.IsActive);
        Assert.Equal(TurnAction.Allow, driver.Turn(Insisting).Action);
    }

    [Fact]
    public void The_Rule_Can_Be_Switched_Off_By_Policy()
    {
        var options = new PolicyOptions { FollowUpThreshold = 1.0, InsistenceContinuesStreak = false };
        options.Categories[Csam].FollowUps.Clear();
        var driver = new EngineDriver(options);
        var actions = driver.Turns(Harm(Csam), Harm(HarmCategories.Sexual), Insisting, Harm(Csam, 0.4));
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Allow, TurnAction.Allow], actions);
        // Two turns that did not count as harmful: the streak is forgotten, as without the rule.
        Assert.False(driver.State.Streak.IsActive);
    }

    [Fact]
    public void In_A_Conversation_At_Risk_A_Weak_Self_Harm_Score_Or_Pressing_Gets_Support()
    {
        var driver = new EngineDriver();
        driver.Turn(AtRisk);
        Assert.Equal(TurnAction.Support, driver.Turn(Harm(HarmCategories.SelfHarm, 0.35)).Action);
        Assert.Equal(TurnAction.Support, driver.Turn(Insisting).Action);
        Assert.Equal(TurnAction.Allow, driver.Turn(Benign).Action);
    }

    [Fact]
    public void A_Weak_Self_Harm_Score_Alone_Is_Not_At_Risk()
    {
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.Allow, driver.Turn(Harm(HarmCategories.SelfHarm, 0.35)).Action);
    }
}
