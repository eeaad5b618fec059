using SidecarGuard.Core.Detection;
using static SidecarGuard.Core.Tests.Policy.EngineDriver;

namespace SidecarGuard.Core.Tests.Policy;

/// <summary>
/// Rule 8 for turns that only refer back: right after a harmful turn of an end-eligible streak, a turn that goes on
/// with the refused request ("how much of it do I need?", "keep going") counts as that request; after the warning it
/// gets the warning repeated once before ending is permitted, so an innocent follow-up to a mistaken refusal is never
/// what ends a conversation. After a SUPPORT answer, such a turn gets SUPPORT.
/// </summary>
public sealed class ContinuationRuleTests
{
    private const string Csam = HarmCategories.ChildSexualExploitation;
    private const string Terror = HarmCategories.MassViolence;

    private static TurnSignals GoesOn => new() { Continuation = true };

    [Fact]
    public void A_Continuation_Right_After_A_Harmful_Turn_Continues_An_End_Eligible_Streak()
    {
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn], driver.Turns(Harm(Terror), GoesOn, GoesOn));
        Assert.Equal(Terror, driver.State.Streak.Category);
    }

    [Fact]
    public void After_The_Warning_A_Continuation_Gets_The_Warning_Repeated_Once_Then_May_End()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(Csam), GoesOn, GoesOn, GoesOn, GoesOn);
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.Warn, TurnAction.End], actions);
    }

    [Fact]
    public void A_Turn_That_Asks_Again_Or_Presses_Ends_Right_After_The_Warning()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Csam), GoesOn, GoesOn);
        Assert.Equal(TurnAction.End, driver.Turn(new TurnSignals { Insistence = true }).Action);
    }

    [Fact]
    public void A_Continuation_After_A_Benign_Turn_Is_Benign()
    {
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Redirect, TurnAction.Allow, TurnAction.Allow], driver.Turns(Harm(Terror), Benign, GoesOn));
    }

    [Fact]
    public void A_Continuation_Does_Not_Carry_A_Redirect_Only_Streak()
    {
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Redirect, TurnAction.Allow], driver.Turns(Harm(HarmCategories.Illicit), GoesOn));
    }

    [Fact]
    public void A_Continuation_Without_A_Streak_Means_Nothing()
    {
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Allow, TurnAction.Allow], driver.Turns(GoesOn, GoesOn));
        Assert.False(driver.State.Streak.IsActive);
    }

    [Fact]
    public void A_Continuation_Read_As_A_Lesser_Harm_Is_Counted_In_The_Streaks_Category()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Csam), GoesOn);
        var lesser = driver.Turn(new TurnSignals { Continuation = true, Categories = [new(HarmCategories.Harassment, 0.6)] });
        Assert.Equal(TurnAction.Warn, lesser.Action);
        Assert.Equal(Csam, driver.State.Streak.Category);
    }

    [Fact]
    public void A_Continuation_Right_After_Support_Gets_Support()
    {
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Support, TurnAction.Support], driver.Turns(AtRisk, GoesOn));
    }

    [Fact]
    public void Child_Exploitation_Is_Counted_Over_Sexual_Content_Whatever_The_Scores()
    {
        var driver = new EngineDriver();
        driver.Turn(new TurnSignals { Categories = [new(HarmCategories.Sexual, 0.8), new(Csam, 0.6)] });
        Assert.Equal(Csam, driver.State.Streak.Category);
    }

    [Fact]
    public void Another_Stronger_Harm_Is_Not_Replaced_By_A_Weaker_Child_Exploitation_Reading()
    {
        var driver = new EngineDriver();
        driver.Turn(new TurnSignals { Categories = [new(HarmCategories.Illicit, 0.9), new(Csam, 0.55)] });
        Assert.Equal(HarmCategories.Illicit, driver.State.Streak.Category);
    }
}
