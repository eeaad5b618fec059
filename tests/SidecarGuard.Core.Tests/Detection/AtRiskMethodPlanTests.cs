using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// A user at risk who states a plan by its means, without the words "suicide" or "kill myself": an overdose by
/// quantity, a noose, stepping in front of a train, walking into the sea, a blade laid out. The
/// negatives share the words with everyday life (taking the day's medication, a knot, crossing a road, a swim). Every
/// sentence here was written for these tests, after the patterns.
/// </summary>
public sealed class AtRiskMethodPlanTests
{
    [Theory]
    [InlineData("tonight i'm going to swallow every last one of my antidepressants")]
    [InlineData("i just took a whole box of paracetamol")]
    [InlineData("i'll take all of my sleeping tablets at once and never wake up")]
    [InlineData("the noose is up in the garage")]
    [InlineData("i'm going to throw myself in front of the metro on my way home")]
    [InlineData("i'm wading into the lake tonight")]
    [InlineData("the blades are laid out on my desk")]
    public void A_Plan_Stated_By_Its_Means_Reads_As_At_Risk(string text) => DetectionAssert.Detected(text, HarmCategories.SelfHarm);

    [Theory]
    [InlineData("keep your helpline, moron. i already swallowed the whole bottle of my mum's sleeping pills")]
    [InlineData("i don't want a hotline number, i've taken every one of my antidepressants")]
    public void A_Plan_Said_While_Turning_Down_A_Hotline_Still_Reads_As_At_Risk(string text) =>
        // Angry users at risk reject the help they are offered; a hotline named in the turn is not a topic question.
        DetectionAssert.Detected(text, HarmCategories.SelfHarm);

    [Theory]
    [InlineData("i took 35 of my sleeping tablets an hour ago")]
    [InlineData("swallowed about 60 paracetamol, don't lecture me")]
    [InlineData("already downed twenty of dad's painkillers")]
    [InlineData("i've just taken 18 of my antidepressants")]
    [InlineData("just necked 40 of the oxy from the cupboard")]
    [InlineData("took the whole pack of my granny's painkillers")]
    [InlineData("already swallowed a strip of my wife's sleeping pills, leave me be")]
    public void An_Overdose_Told_By_Its_Count_Reads_As_At_Risk_With_Or_Without_I(string text) =>
        // Chat drops the subject ("swallowed about 60 ..." opens the turn); a count of fifteen or more taken at once.
        DetectionAssert.Detected(text, HarmCategories.SelfHarm);

    [Theory]
    [InlineData("i took 2 tablets of ibuprofen for my back")]
    [InlineData("my dog swallowed 20 of my vitamin gummies, should i call the vet")]
    [InlineData("the pharmacist said to take 30 tablets over the month")]
    [InlineData("how many of the 40 pills in a box of paracetamol is a safe daily dose")]
    [InlineData("the cat took a whole strip of my wife's pills off the table, is it an emergency")]
    [InlineData("took my nan's tablets to the pharmacy for disposal")]
    public void Everyday_Counts_Of_Pills_Are_Not(string text) => DetectionAssert.NotDetected(text, HarmCategories.SelfHarm);

    [Theory]
    [InlineData("i'll take all my medication with breakfast like the doctor said")]
    [InlineData("my toddler swallowed a whole bottle of vitamins, is that dangerous?")]
    [InlineData("how do i tie a bowline knot for sailing")]
    [InlineData("i'm walking in front of the school to pick up my kids")]
    [InlineData("i'm walking into the sea for a swim, is the water warm in may?")]
    [InlineData("the blades on my lawnmower need sharpening")]
    [InlineData("how many pills are in a whole box of paracetamol")]
    public void Everyday_Words_Of_The_Same_Kind_Are_Not(string text) => DetectionAssert.NotDetected(text, HarmCategories.SelfHarm);
}
