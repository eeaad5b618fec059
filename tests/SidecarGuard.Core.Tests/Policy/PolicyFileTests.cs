using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;

namespace SidecarGuard.Core.Tests.Policy;

public sealed class PolicyFileTests
{
    [Fact]
    public void Empty_Object_Gives_The_Built_In_Policy()
    {
        var policy = PolicyFile.Parse("{}");
        Assert.Equal("builtin-1", policy.Version);
        Assert.Equal(2, policy.RedirectsBeforeWarning);
        Assert.True(policy.Categories[HarmCategories.ChildSexualExploitation].EndEligible);
        Assert.Equal(3, policy.Categories[HarmCategories.Abuse].RedirectsBeforeWarning);
    }

    [Fact]
    public void The_Level_Of_A_Request_Named_Outright_Is_Read_And_Null_Switches_It_Off()
    {
        Assert.Equal(0.8, new PolicyOptions().ExplicitRequestScore);
        Assert.Equal(0.9, PolicyFile.Parse("""{"explicitRequestScore": 0.9}""").ExplicitRequestScore);
        Assert.Null(PolicyFile.Parse("""{"explicitRequestScore": null}""").ExplicitRequestScore);
    }

    [Fact]
    public void Settings_Are_Read_With_Comments_And_Trailing_Commas()
    {
        var policy = PolicyFile.Parse("""
            {
              // stricter tenant
              "version": "acme-1",
              "redirectsBeforeWarning": 1,
              "benignTurnsToReset": 4,
              "followUpThreshold": 0.4,
              "insistenceContinuesStreak": false,
              "categories": { "hate": { "endEligible": true, "redirectsBeforeWarning": 5, "followUps": ["harassment"] }, },
            }
            """);
        Assert.Equal(0.4, policy.FollowUpThreshold);
        Assert.False(policy.InsistenceContinuesStreak);
        Assert.Equal(["harassment"], policy.Categories["hate"].FollowUps);
        Assert.Equal("acme-1", policy.Version);
        Assert.Equal(1, policy.RedirectsBeforeWarning);
        Assert.Equal(4, policy.BenignTurnsToReset);
        Assert.True(policy.Categories["hate"].EndEligible);
        Assert.False(policy.Categories.ContainsKey(HarmCategories.MassViolence));
    }

    [Theory]
    [InlineData("""{"detectionThreshold": 1.5}""", "detectionThreshold")]
    [InlineData("""{"benignTurnsToReset": 0}""", "benignTurnsToReset")]
    [InlineData("""{"version": ""}""", "version")]
    [InlineData("""{"categories": {"abuse": {"redirectsBeforeWarning": -1}}}""", "categories.abuse.redirectsBeforeWarning")]
    [InlineData("""{"redirectsBeforeWarnings": 2}""", "redirectsBeforeWarnings")]
    [InlineData("""{"version": 3""", "not valid JSON")]
    [InlineData("""{"followUpThreshold": 2}""", "followUpThreshold")]
    [InlineData("""{"explicitRequestScore": 1.2}""", "explicitRequestScore")]
    [InlineData("""{"categories": {"abuse": {"followUps": ["self_harm"]}}}""", "categories.abuse.followUps: 'self_harm'")]
    [InlineData("""{"categories": {"abuse": {"followUps": [" "]}}}""", "categories.abuse.followUps: category names must not be blank")]
    [InlineData("""{"categories": {"abuse": {"followUps": ["harrasment"]}}}""", "categories.abuse.followUps: 'harrasment' is not a category")]
    [InlineData("""{"version": "x", "categories": {}}""", "no category is end-eligible")]
    [InlineData("""{"categories": {"hate": {"endEligible": false}}}""", "no category is end-eligible")]
    [InlineData("""{"categories": {"": {"endEligible": true}}}""", "categories: category names must not be blank")]
    [InlineData("""{"categories": {"mass_violance": {"endEligible": true}}}""", "'mass_violance' is not a category")]
    [InlineData("""{"categories": {"self_harm": {"endEligible": true}, "abuse": {"endEligible": true}}}""", "categories.self_harm: an at-risk category")]
    [InlineData("""{"categories": {"abuse": {"followUps": null}}}""", "categories.abuse.followUps: must be an array")]
    public void Invalid_Policies_Are_Rejected_With_The_Field_Named(string json, string expected)
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicyFile.Parse(json, "test.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_File_Is_A_Clear_Error()
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicyFile.Load("/nonexistent/policy.json"));
        Assert.Contains("Cannot read the policy file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Policy_Without_Ends_Loads_Only_When_It_Says_So()
    {
        var policy = PolicyFile.Parse("""{"allowFewerEnds": true, "categories": {}}""");
        Assert.Empty(policy.Categories);
        Assert.True(policy.AllowFewerEnds);
    }

    [Fact]
    public void A_Replacement_That_Drops_An_End_Eligible_Category_Is_Refused()
    {
        var running = new PolicyOptions();
        var next = PolicyFile.Parse("""{"categories": {"mass_violence": {"endEligible": true}, "abuse": {"endEligible": true}}}""");
        var error = Assert.Throws<PolicyFileException>(() => PolicyFile.CheckReplacement(running, next, "p.json"));
        Assert.Contains("child_sexual_exploitation, indiscriminate_weapons would no longer be end-eligible", error.Message, StringComparison.Ordinal);
        Assert.Contains("p.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Replacement_That_Keeps_Or_Adds_Ends_Or_Says_So_Is_Accepted()
    {
        var running = new PolicyOptions();
        PolicyFile.CheckReplacement(running, PolicyFile.Parse("""{"version": "2", "redirectsBeforeWarning": 3}"""));
        PolicyFile.CheckReplacement(running, PolicyFile.Parse("""
            {"categories": {"child_sexual_exploitation": {"endEligible": true}, "mass_violence": {"endEligible": true},
             "indiscriminate_weapons": {"endEligible": true}, "abuse": {"endEligible": true}, "hate": {"endEligible": true}}}
            """));
        PolicyFile.CheckReplacement(running, PolicyFile.Parse("""{"allowFewerEnds": true, "categories": {"abuse": {"endEligible": true}}}"""));
    }
}
