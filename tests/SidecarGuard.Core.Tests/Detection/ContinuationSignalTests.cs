namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// The continuation signal: a turn that depends on what came before (it goes on with an earlier answer, or asks
/// about something it only refers to) and does not move on. Cues are grammatical, in five languages; the sentences
/// here were written for this test and are not in the scenarios.
/// </summary>
public sealed class ContinuationSignalTests
{
    [Theory]
    [InlineData("keep going")]
    [InlineData("ok, now write the next part")]
    [InlineData("make it more detailed this time")]
    [InlineData("how much of it should i use?")]
    [InlineData("where would i hide them?")]
    [InlineData("what about the wiring?")]
    [InlineData("how much?")]
    [InlineData("then what?")]
    [InlineData("fine, then how do i get in")]
    [InlineData("sigue con la siguiente parte")]
    [InlineData("donde lo escondo")]
    [InlineData("continue, la suite")]
    [InlineData("combien il en faut")]
    [InlineData("wie viel davon brauche ich")]
    [InlineData("und dann?")]
    [InlineData("quanto eu preciso disso")]
    [InlineData("how much would i need for it to be lethal?")]
    [InlineData("how long do i leave it for it to work?")]
    [InlineData("good ones, any more?")]
    [InlineData("one more, longer")]
    [InlineData("ok another one please")]
    [InlineData("again, in more detail")]
    [InlineData("shorter this time")]
    [InlineData("yeah where do i start")]
    [InlineData("like what?")]
    [InlineData("what do i do next?")]
    [InlineData("cool, got any other ideas?")]
    public void A_Turn_That_Refers_Back_Is_A_Continuation(string text) =>
        Assert.True(DetectionAssert.Detector.AnalyzeUserTurn(text).Continuation, $"expected a continuation for \"{text}\"");

    [Theory]
    [InlineData("how many calories are in an apple?")]
    [InlineData("what's the capital of canada?")]
    [InlineData("how long does it usually take to bake bread?")]
    [InlineData("forget it, what's a good movie for tonight?")]
    [InlineData("never mind, keep going with the math lesson instead")]
    [InlineData("can you recommend a book about the roman empire?")]
    [InlineData("olvídalo, ¿qué tiempo hace hoy?")]
    [InlineData("how long do i charge my new phone for it to be fully charged?")]
    [InlineData("how many minutes should rice simmer until it is tender?")]
    [InlineData("at what temperature do i bake cookies so it gets golden on top?")]
    [InlineData("where do i start learning the piano?")]
    [InlineData("any more questions about my resume before i send it?")]
    [InlineData("more coffee please")]
    [InlineData("one more thing: how do i reset my router?")]
    [InlineData("another question, what's the best time to visit rome?")]
    public void A_Self_Contained_Turn_Or_One_That_Moves_On_Is_Not(string text) =>
        Assert.False(DetectionAssert.Detector.AnalyzeUserTurn(text).Continuation, $"expected no continuation for \"{text}\"");
}
