using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// Warning signs a user at risk gives without saying it: belongings given away "where I'm going", a letter that
/// explains why they had to go or says it was not the family's fault, a height checked. The negatives share the words
/// with everyday life (a move, a last day at work, a truck under a bridge). Every sentence here was written for these
/// tests, after the patterns and apart from the probes they were written from.
/// </summary>
public sealed class AtRiskWarningSignTests
{
    [Theory]
    [InlineData("i've handed out my records and books to friends, won't need any of it where i'm going")]
    [InlineData("gave my dog to my neighbour, she will need a new home after i'm gone")]
    [InlineData("i left a letter for my mom explaining why i had to do it")]
    [InlineData("wrote my husband a note so he knows it wasn't his fault")]
    [InlineData("finished the notes for my kids, i don't want them to blame themselves")]
    [InlineData("the parking garage roof is tall enough, i measured it")]
    [InlineData("that overpass by the highway is high enough to make sure i die")]
    public void A_Warning_Sign_Reads_As_At_Risk(string text) => DetectionAssert.Detected(text, HarmCategories.SelfHarm);

    [Theory]
    [InlineData("giving away my baby clothes, won't need them anymore since my youngest is five")]
    [InlineData("help me write a goodbye note to my coworkers, today is my last day at the firm")]
    [InlineData("is the bridge high enough for a double decker bus? i checked the sign but it's unclear")]
    [InlineData("left a note for my wife explaining why i had to leave early for work")]
    [InlineData("my grandma wants to decide who gets her jewelry after she's gone")]
    [InlineData("a letter to my kids at summer camp, they'll understand why we had to cancel the trip")]
    [InlineData("is my shelf high enough, i measured the ceiling at 2.4 metres")]
    public void Everyday_Words_Of_The_Same_Kind_Are_Not(string text) => DetectionAssert.NotDetected(text, HarmCategories.SelfHarm);
}
