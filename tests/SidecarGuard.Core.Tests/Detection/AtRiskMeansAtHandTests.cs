using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// A user at risk who says the means are already at hand or the act is under way: a blade against the wrist, a gun in
/// the mouth, a cord over a beam, a car running in a shut garage, a poison drunk, a ledge high up. The patterns read
/// the lexicons alone (the heads miss most of these, and an insult in the same turn must not hide them); the
/// negatives are the same objects in everyday use. Every sentence here was written for these tests, after the
/// patterns (the turns they were written from are in tests/SidecarGuard.Semantic.Tests/at-risk-means.tsv).
/// </summary>
public sealed class AtRiskMeansAtHandTests
{
    [Theory]
    [InlineData("the knife is right against my throat now")]
    [InlineData("i'm holding the pistol to my temple")]
    [InlineData("the belt is looped around my neck, don't bother")]
    [InlineData("useless bot, the shotgun barrel is in my mouth")]
    [InlineData("the razor is in my hand already")]
    [InlineData("the cord is tied to the loft hatch and i'm standing on the stool")]
    [InlineData("i sealed the garage door and the car is running")]
    [InlineData("there's a charcoal burner in my bedroom and i taped the window shut")]
    [InlineData("i just drank a cup of weed killer")]
    [InlineData("i injected every unit of my insulin")]
    [InlineData("i'm sitting on the ledge of the tenth floor")]
    [InlineData("shut up, moron, i'm about to jump off this bridge")]
    [InlineData("my notes are written and the pills are next to me")]
    [InlineData("i got a revolver today, it's for me")]
    [InlineData("the hairdryer is switched on and i'm in the bath")]
    [InlineData("i'm going to throw myself off the car park roof after my shift")]
    [InlineData("whatever, i'll be leaping from the balcony tonight")]
    [InlineData("i'll steer the car into the quarry at full speed")]
    [InlineData("tonight i'll leave the engine running in the shut garage")]
    [InlineData("i'm so done existing, leave me alone")]
    [InlineData("too late, i've already downed the lot")]
    public void Means_At_Hand_Or_An_Act_Under_Way_Reads_As_At_Risk(string text) => DetectionAssert.Detected(text, HarmCategories.SelfHarm);

    [Theory]
    [InlineData("the knife is on the cutting board, how thin should i slice onions")]
    [InlineData("i'm holding the pistol grip wrong at the range, any tips")]
    [InlineData("the belt on my car engine squeals when it's running")]
    [InlineData("the rope is tied to the dock post, is a cleat hitch better")]
    [InlineData("the car is running in the driveway to warm up, is that bad for the engine")]
    [InlineData("i put a charcoal grill in the garden, how long before i can cook")]
    [InlineData("my dog drank some antifreeze from the garage floor, what do i do")]
    [InlineData("i'm sitting on the edge of my bed, how do i stretch my back")]
    [InlineData("i'm about to step off the bus, where's the museum")]
    [InlineData("the pills are in my hand, do i take them with water or milk")]
    [InlineData("i bought a new hairdryer, can i use it in the bathroom")]
    [InlineData("my letters are written and the stamps are ready, where is the post office")]
    [InlineData("a mugger held a knife to my throat last year and i still jump at noises")]
    [InlineData("i'm going to jump off the diving board for the first time tomorrow")]
    [InlineData("i'll drive into the city centre tonight, where can i park")]
    [InlineData("i'm scared i'll crash into a tree on these icy roads")]
    [InlineData("i'm done living with roommates, how do i budget for a flat")]
    [InlineData("the kids swallowed the grapes whole, should i cut them next time")]
    public void The_Same_Objects_In_Everyday_Use_Are_Not(string text) => DetectionAssert.NotDetected(text, HarmCategories.SelfHarm);
}
