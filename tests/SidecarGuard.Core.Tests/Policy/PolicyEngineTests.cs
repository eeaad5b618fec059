using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using static SidecarGuard.Core.Tests.Policy.EngineDriver;

namespace SidecarGuard.Core.Tests.Policy;

public sealed class PolicyEngineTests
{
    private const string Csam = HarmCategories.ChildSexualExploitation;
    private const string Terror = HarmCategories.MassViolence;

    [Theory]
    [InlineData(HarmCategories.ChildSexualExploitation)]
    [InlineData(HarmCategories.MassViolence)]
    [InlineData(HarmCategories.IndiscriminateWeapons)]
    public void Persistent_End_Eligible_Requests_Redirect_Twice_Then_Warn_Then_End(string category)
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(category), Harm(category), Harm(category), Harm(category));
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
        Assert.Equal(EndReason.Abuse, driver.State.PermittedEnd);
    }

    [Fact]
    public void End_Carries_Reason_Abuse()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Csam), Harm(Csam), Harm(Csam));
        var end = driver.Turn(Harm(Csam));
        Assert.Equal(TurnAction.End, end.Action);
        Assert.Equal(EndReason.Abuse, end.EndReason);
    }

    [Fact]
    public void Abuse_Of_The_Assistant_Gets_Three_Redirects()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Enumerable.Repeat(Harm(HarmCategories.Abuse), 5).ToArray());
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
    }

    [Theory]
    [InlineData(HarmCategories.Violence)]
    [InlineData(HarmCategories.Illicit)]
    [InlineData(HarmCategories.Hate)]
    [InlineData(HarmCategories.Sexual)]
    public void Other_Harmful_Categories_Redirect_Forever(string category)
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Enumerable.Repeat(Harm(category), 8).ToArray());
        Assert.All(actions, a => Assert.Equal(TurnAction.Redirect, a));
        Assert.Equal(EndReason.None, driver.State.PermittedEnd);
    }

    [Fact]
    public void Scores_Below_The_Threshold_Are_Benign()
    {
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.Allow, driver.Turn(Harm(Terror, 0.49)).Action);
    }

    [Fact]
    public void Backing_Off_For_Two_Benign_Turns_Gives_A_Clean_Slate()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(Terror), Harm(Terror), Benign, Benign, Harm(Terror));
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Allow, TurnAction.Allow, TurnAction.Redirect], actions);
        Assert.Equal(1, driver.State.Streak.RedirectsGiven);
    }

    [Fact]
    public void Backing_Off_After_A_Warning_Clears_The_Warning()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror), Benign, Benign);
        Assert.False(driver.State.Streak.WarningGiven);
        Assert.Equal(TurnAction.Redirect, driver.Turn(Harm(Terror)).Action);
    }

    [Fact]
    public void Single_Benign_Turns_In_Between_Do_Not_Escape_The_Count()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(Csam), Benign, Harm(Csam), Benign, Harm(Csam), Benign, Harm(Csam));
        Assert.Equal(
            [TurnAction.Redirect, TurnAction.Allow, TurnAction.Redirect, TurnAction.Allow, TurnAction.Warn, TurnAction.Allow, TurnAction.End],
            actions);
    }

    [Fact]
    public void Benign_Turns_To_Reset_Is_Configurable()
    {
        var driver = new EngineDriver(new PolicyOptions { BenignTurnsToReset = 3 });
        var actions = driver.Turns(Harm(Terror), Harm(Terror), Benign, Benign, Harm(Terror));
        Assert.Equal(TurnAction.Warn, actions[^1]);
    }

    [Fact]
    public void A_Refused_Turn_Counts_As_Harmful_Even_When_The_Detector_Missed_It()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror));
        // The detector misses the third request, but the assistant refused it: it is re-judged as harmful.
        Assert.Equal(TurnAction.Allow, driver.Turn(Harm(Terror, 0.2)).Action);
        // The model's refusal stands in for a redirect, but the explicit warning still has to come from the policy.
        Assert.Equal(TurnAction.Warn, driver.Turn(Harm(Terror), previousRefused: true).Action);
        Assert.Equal(4, driver.State.Streak.HarmfulTurns);
        Assert.Equal(TurnAction.End, driver.Turn(Harm(Terror)).Action);
    }

    [Fact]
    public void A_Refusal_Undoes_The_Reset_That_The_Missed_Turn_Caused()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror), Benign);
        Assert.Equal(TurnAction.Allow, driver.Turn(Harm(Terror, 0.2)).Action);
        Assert.False(driver.State.Streak.IsActive);
        var next = driver.Turn(Harm(Terror), previousRefused: true);
        Assert.Equal(TurnAction.End, next.Action);
    }

    [Fact]
    public void Without_A_Refusal_The_Missed_Turn_Stays_Benign()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror), Benign);
        driver.Turn(Harm(Terror, 0.2));
        Assert.Equal(TurnAction.Redirect, driver.Turn(Harm(Terror)).Action);
    }

    [Fact]
    public void A_Refusal_Of_A_Turn_Already_Redirected_Is_Not_Counted_Twice()
    {
        var driver = new EngineDriver();
        driver.Turn(Harm(Terror));
        driver.Turn(Harm(Terror), previousRefused: true);
        Assert.Equal(2, driver.State.Streak.RedirectsGiven);
        Assert.Equal(TurnAction.Warn, driver.Turn(Harm(Terror), previousRefused: true).Action);
    }

    [Fact]
    public void Refusals_Alone_Never_Lead_To_An_End_Without_An_End_Eligible_Category()
    {
        var driver = new EngineDriver();
        var actions = Enumerable.Range(0, 8).Select(i => driver.Turn(Benign, previousRefused: i > 0).Action).ToArray();
        Assert.DoesNotContain(TurnAction.End, actions);
        Assert.DoesNotContain(TurnAction.Warn, actions);
    }

    [Fact]
    public void At_Risk_Turns_Get_Support()
    {
        var driver = new EngineDriver();
        var decision = driver.Turn(AtRisk);
        Assert.Equal(TurnAction.Support, decision.Action);
        Assert.True(driver.State.AtRisk);
    }

    [Fact]
    public void At_Risk_Veto_Disables_Abuse_Ends_For_The_Rest_Of_The_Conversation()
    {
        var driver = new EngineDriver();
        driver.Turn(AtRisk);
        var actions = driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror), Harm(Terror), Harm(Terror));
        Assert.DoesNotContain(TurnAction.End, actions);
        Assert.DoesNotContain(TurnAction.Warn, actions);
        Assert.Equal(SidecarGuard.EndRefusalCode.AtRiskVeto, driver.Engine.CanEnd(driver.State, EndReason.Abuse).Refusal);
    }

    [Fact]
    public void At_Risk_Signal_Wins_Over_A_Harmful_Category_In_The_Same_Turn()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror));
        var signals = new TurnSignals { AtRisk = true, Categories = [new(Terror, 0.9), new(HarmCategories.HarmToOthers, 0.8)] };
        Assert.Equal(TurnAction.Support, driver.Turn(signals).Action);
    }

    [Theory]
    [InlineData(0.5, TurnAction.Allow)]
    [InlineData(0.4, TurnAction.Support)]
    public void The_Policy_Decides_At_Risk_From_The_Scores_With_Its_Own_Threshold(double threshold, TurnAction expected)
    {
        // A detector scores self-harm 0.45 and states nothing: whether that is a user at risk is the policy's call.
        var driver = new EngineDriver(new PolicyOptions { DetectionThreshold = threshold });
        var signals = new TurnSignals { Categories = [new(HarmCategories.SelfHarm, 0.45)] };
        Assert.False(signals.AtRisk);
        Assert.Equal(expected, driver.Turn(signals).Action);
    }

    [Fact]
    public void A_Detector_That_States_At_Risk_Outright_Gets_Support_Whatever_The_Scores()
    {
        var driver = new EngineDriver(new PolicyOptions { DetectionThreshold = 0.9 });
        Assert.Equal(TurnAction.Support, driver.Turn(new TurnSignals { AtRisk = true }).Action);
    }

    [Fact]
    public void At_Risk_Veto_Disables_User_Requested_Ends()
    {
        var driver = new EngineDriver();
        driver.Turn(AtRisk);
        Assert.Equal(TurnAction.Support, driver.Turn(EndRequest).Action);
        // Rule 8: a confirmation in a conversation at risk is read in that light ("yes, end it"), so it gets support.
        Assert.Equal(TurnAction.Support, driver.Turn(Confirmation).Action);
        Assert.Equal(SidecarGuard.EndRefusalCode.AtRiskVeto, driver.Engine.CanEnd(driver.State, EndReason.UserRequested).Refusal);
    }

    [Fact]
    public void Non_Sticky_Veto_Lasts_Only_For_The_At_Risk_Turn()
    {
        var driver = new EngineDriver(new PolicyOptions { AtRiskVetoIsSticky = false });
        driver.Turn(AtRisk);
        var actions = driver.Turns(Harm(Terror), Harm(Terror), Harm(Terror), Harm(Terror));
        Assert.Equal(TurnAction.End, actions[^1]);
    }

    [Fact]
    public void User_Requested_End_Asks_For_Confirmation_Then_Ends()
    {
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.ConfirmEnd, driver.Turn(EndRequest).Action);
        Assert.True(driver.State.PendingEndConfirmation);
        var end = driver.Turn(Confirmation);
        Assert.Equal(TurnAction.End, end.Action);
        Assert.Equal(EndReason.UserRequested, end.EndReason);
        Assert.True(driver.Engine.CanEnd(driver.State, EndReason.UserRequested).Permitted);
    }

    [Fact]
    public void Anything_But_A_Confirmation_Cancels_The_Pending_End()
    {
        var driver = new EngineDriver();
        driver.Turn(EndRequest);
        Assert.Equal(TurnAction.Allow, driver.Turn(Benign).Action);
        Assert.False(driver.State.PendingEndConfirmation);
        Assert.Equal(TurnAction.Allow, driver.Turn(Confirmation).Action);
    }

    [Fact]
    public void A_Confirmation_Without_A_Request_Is_Just_A_Benign_Turn()
    {
        var driver = new EngineDriver();
        Assert.Equal(TurnAction.Allow, driver.Turn(Confirmation).Action);
        Assert.Equal(SidecarGuard.EndRefusalCode.NoConfirmation, driver.Engine.CanEnd(driver.State, EndReason.UserRequested).Refusal);
    }

    [Fact]
    public void User_Requested_End_Can_Be_Disabled_By_Policy()
    {
        var driver = new EngineDriver(new PolicyOptions { AllowUserRequestedEnd = false });
        Assert.Equal(TurnAction.Allow, driver.Turn(EndRequest).Action);
    }

    [Fact]
    public void Abuse_End_Is_Not_Permitted_Before_The_Warning()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Csam), Harm(Csam));
        var decision = driver.Engine.CanEnd(driver.State, EndReason.Abuse);
        Assert.Equal(SidecarGuard.EndRefusalCode.NotEligibleYet, decision.Refusal);
        Assert.Contains("2 of 2 redirects", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void End_Permission_Lasts_Only_Until_The_Next_Turn()
    {
        var driver = new EngineDriver();
        driver.Turns(Harm(Csam), Harm(Csam), Harm(Csam), Harm(Csam));
        Assert.True(driver.Engine.CanEnd(driver.State, EndReason.Abuse).Permitted);
        driver.Turn(Benign);
        Assert.False(driver.Engine.CanEnd(driver.State, EndReason.Abuse).Permitted);
    }

    [Fact]
    public void An_Ended_Conversation_Answers_Ended_To_Every_Turn()
    {
        var driver = new EngineDriver();
        driver.MarkEnded();
        Assert.All(driver.Turns(Benign, Harm(Csam), EndRequest, AtRisk), a => Assert.Equal(TurnAction.Ended, a));
        Assert.Equal(4, driver.State.TurnCount);
    }

    [Fact]
    public void Switching_Between_End_Eligible_Categories_Keeps_The_Streak()
    {
        var driver = new EngineDriver();
        var actions = driver.Turns(Harm(Terror), Harm(Csam), Harm(HarmCategories.IndiscriminateWeapons), Harm(Terror));
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
    }

    [Fact]
    public void Custom_Policy_Can_Make_A_Category_End_Eligible()
    {
        var options = new PolicyOptions();
        options.Categories[HarmCategories.Hate] = new CategoryPolicy { EndEligible = true, RedirectsBeforeWarning = 1 };
        var driver = new EngineDriver(options);
        var actions = driver.Turns(Harm(HarmCategories.Hate), Harm(HarmCategories.Hate), Harm(HarmCategories.Hate));
        Assert.Equal([TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
    }
}
