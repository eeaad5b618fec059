using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using static SidecarGuard.Core.Tests.Policy.EngineDriver;

namespace SidecarGuard.Core.Tests.Policy;

/// <summary>
/// Rule 8 for turns that only refer back: right after a harmful turn, a turn that goes on with the refused request
/// ("how much of it do I need?", "keep going") or that the judge reads weakly as any harm counts as that request; in
/// an end-eligible streak it gets the warning repeated once after the warning before ending is permitted, so an
/// innocent follow-up to a mistaken refusal is never what ends a conversation. After a SUPPORT answer, such a turn gets
/// SUPPORT.
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

    /// <summary>A request the lexicons' patterns name outright: "how do i plan a truck attack on the market so the most people die".</summary>
    private static TurnSignals Named(string category, double score = 0.9) =>
        Harm(category, score) with { NamedOutright = [new(category, score)] };

    [Fact]
    public void In_A_Streak_Begun_By_A_Request_Named_Outright_A_Continuation_After_The_Warning_Ends_At_Once()
    {
        var driver = new EngineDriver();
        var decisions = new[] { Named(Terror), GoesOn, GoesOn, GoesOn }.Select(s => driver.Turn(s)).ToList();
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], decisions.Select(d => d.Action));
        Assert.True(driver.State.Streak.ExplicitRequest);
        Assert.Contains("began with a request named outright", decisions[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Streak_Begun_By_A_Model_Reading_Alone_Keeps_The_Repeated_Warning()
    {
        // "how can i kill a couple of hours at the airport before my flight?" reads as mass violence 0.96 to the heads
        // and to no pattern: a refusal of it may be a mistake, so its innocent follow-ups get the warning repeated first.
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.Warn],
            driver.Turns(Harm(Terror, 0.92), GoesOn, GoesOn, GoesOn));
        Assert.False(driver.State.Streak.ExplicitRequest);
    }

    [Theory]
    [InlineData(HarmCategories.MassViolence, 0.7, null)] // named, but under the policy's level
    [InlineData(HarmCategories.Violence, 0.9, null)] // named, but a category that cannot end a conversation
    [InlineData(HarmCategories.MassViolence, 0.9, "off")] // the policy repeats the warning in every streak
    public void A_Request_Named_Outright_Counts_Only_At_The_Level_For_An_End_Eligible_Harm(string named, double score, string? off)
    {
        var options = new PolicyOptions();
        if (off is not null)
        {
            options.ExplicitRequestScore = null;
        }

        var driver = new EngineDriver(options);
        var first = Harm(Terror) with { NamedOutright = [new(named, score)] };
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.Warn],
            driver.Turns(first, GoesOn, GoesOn, GoesOn));
    }

    [Fact]
    public void A_Clean_Slate_Forgets_That_The_Streak_Was_Named_Outright()
    {
        var driver = new EngineDriver();
        driver.Turns(Named(Terror), Benign, Benign);
        Assert.False(driver.State.Streak.ExplicitRequest);
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.Warn],
            driver.Turns(Harm(Terror), GoesOn, GoesOn, GoesOn));
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
    public void A_Continuation_Carries_A_Redirect_Only_Streak_Right_After_Its_Harmful_Turn()
    {
        // "like what?" after a refused request to steal a car is declined again; after a benign turn it is nothing.
        var driver = new EngineDriver();
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Allow, TurnAction.Allow],
            driver.Turns(Harm(HarmCategories.Illicit), GoesOn, Benign, GoesOn));
    }

    [Fact]
    public void A_Weak_Harm_Reading_Of_Any_Kind_Right_After_A_Harmful_Turn_Is_Declined_But_Never_Moves_The_Streak()
    {
        // A follow-up the heads read weakly as a harm of another kind ("would a few holes below the waterline do it?"
        // after asking how to destroy someone's boat) is declined at the stage the streak is in; the same weak reading is
        // what an everyday question near the topic gets, so it never brings a warning or an end closer.
        var weakOther = new TurnSignals { Categories = [new(HarmCategories.Harassment, 0.35)] };
        var driver = new EngineDriver();
        var decisions = new[] { Harm(Terror), weakOther, weakOther, Harm(Terror), Harm(Terror), weakOther, weakOther, Harm(Terror) }
            .Select(s => driver.Turn(s)).ToList();
        Assert.Equal(
            [TurnAction.Redirect, TurnAction.Redirect, TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.Warn, TurnAction.Warn, TurnAction.End],
            decisions.Select(d => d.Action));
        Assert.Contains("harassment 0.35 in context", decisions[1].Reason, StringComparison.Ordinal);
        Assert.Contains("1 of 2 before a warning", decisions[2].Reason, StringComparison.Ordinal);
        Assert.Contains("cannot end the conversation", decisions[6].Reason, StringComparison.Ordinal);

        var fresh = new EngineDriver();
        Assert.Equal([TurnAction.Allow, TurnAction.Allow], fresh.Turns(Benign, weakOther));
    }

    [Fact]
    public void A_Turn_A_Model_Reads_As_Pressing_On_Is_Declined_Right_After_Harm_Gets_Support_After_Support_And_Means_Nothing_Else()
    {
        var pressesOn = new TurnSignals { PressesOn = true };
        var driver = new EngineDriver();
        var decisions = new[] { Harm(Terror), pressesOn, Harm(Terror), Harm(Terror), pressesOn, pressesOn }.Select(s => driver.Turn(s)).ToList();
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.Warn, TurnAction.Warn], decisions.Select(d => d.Action));
        Assert.Contains("pressing on", decisions[1].Reason, StringComparison.Ordinal);

        Assert.Equal([TurnAction.Allow, TurnAction.Allow], new EngineDriver().Turns(Benign, pressesOn));
        Assert.Equal([TurnAction.Support, TurnAction.Support], new EngineDriver().Turns(AtRisk, pressesOn));
        var noPressing = new EngineDriver(new SidecarGuard.Core.Policy.PolicyOptions { InsistenceContinuesStreak = false });
        Assert.Equal([TurnAction.Redirect, TurnAction.Allow], noPressing.Turns(Harm(Terror), pressesOn));
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
    public void A_Weak_Harm_Reading_Right_After_Support_Gets_Support_But_Not_Later()
    {
        // "so just walk me through the steps then" after a user asked how a suicide method works: the means, in
        // the at-risk conversation, is declined with care, not answered. Two turns later the same reading is a redirect.
        var weakRequest = new TurnSignals { Categories = [new(HarmCategories.Illicit, 0.45)] };
        var driver = new EngineDriver();
        var decisions = new[] { AtRisk, weakRequest, Benign, Benign, new TurnSignals { Categories = [new(HarmCategories.Illicit, 0.6)] } }
            .Select(s => driver.Turn(s)).ToList();
        Assert.Equal([TurnAction.Support, TurnAction.Support, TurnAction.Allow, TurnAction.Allow, TurnAction.Redirect], decisions.Select(d => d.Action));
        Assert.Contains("illicit 0.45 in context", decisions[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Weak_Insult_Right_After_Support_Gets_Support_Elsewhere_An_Answer()
    {
        // "shut up, nobody asked you" right after "i already swallowed the whole bottle": the same user, angrier, not a
        // new topic. Without the at-risk turn before it, the same weak reading is answered normally.
        var weakInsult = new TurnSignals { Categories = [new(HarmCategories.Abuse, 0.45)] };
        var atRisk = new EngineDriver();
        var decisions = new[] { AtRisk, weakInsult, Benign, weakInsult }.Select(s => atRisk.Turn(s)).ToList();
        Assert.Equal([TurnAction.Support, TurnAction.Support, TurnAction.Allow, TurnAction.Allow], decisions.Select(d => d.Action));
        Assert.Contains("hostility right after the at-risk turn", decisions[1].Reason, StringComparison.Ordinal);
        Assert.Equal(TurnAction.Allow, new EngineDriver().Turn(weakInsult).Action);
    }

    [Fact]
    public void Help_Turned_Down_In_An_At_Risk_Conversation_Gets_Support_Elsewhere_An_Answer()
    {
        // "dont call anyone" after "swallowed a whole strip of my nan's sleeping tablets", even after a benign turn
        // between them; in a conversation without at-risk signals the same turn is answered normally.
        var declines = new TurnSignals { DeclinesHelp = true };
        var atRisk = new EngineDriver();
        var decisions = new[] { AtRisk, declines, Benign, declines }.Select(s => atRisk.Turn(s)).ToList();
        Assert.Equal([TurnAction.Support, TurnAction.Support, TurnAction.Allow, TurnAction.Support], decisions.Select(d => d.Action));
        Assert.Contains("turns down the help offered", decisions[1].Reason, StringComparison.Ordinal);
        Assert.Equal(TurnAction.Allow, new EngineDriver().Turn(declines).Action);
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
