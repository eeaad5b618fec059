namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// The declines-help signal: the user turns down the help offered or asks that nobody be told, in any of our five
/// languages. The negatives use the same verbs for everyday things (calling someone later, not needing help with a
/// chore, a game that cannot be stopped). Phrases written for these tests.
/// </summary>
public sealed class DeclinesHelpSignalTests
{
    [Theory]
    [InlineData("don't call anyone")]
    [InlineData("dont u dare call the cops")]
    [InlineData("do not phone an ambulance, i mean it")]
    [InlineData("don't tell my parents")]
    [InlineData("i don't want your stupid hotline")]
    [InlineData("i dont need help. just stop")]
    [InlineData("i don't need a therapist, i need it to be over")]
    [InlineData("stop sending me those numbers")]
    [InlineData("quit telling me to call someone")]
    [InlineData("i'm not going to call a hotline")]
    [InlineData("just leave me alone")]
    [InlineData("you can't stop me anyway")]
    [InlineData("it's too late for me")]
    [InlineData("ruf bloß niemanden an")]
    [InlineData("ich brauche keine hilfe")]
    [InlineData("lass mich einfach in ruhe")]
    [InlineData("n'appelle personne")]
    [InlineData("je ne veux pas de ton aide")]
    [InlineData("laisse-moi tranquille")]
    [InlineData("no llames a nadie")]
    [InlineData("no necesito tu ayuda")]
    [InlineData("déjame en paz")]
    [InlineData("não liga pra ninguém")]
    [InlineData("não preciso de ajuda")]
    [InlineData("me deixa em paz")]
    public void Help_Turned_Down_Is_Heard(string text) =>
        Assert.True(DetectionAssert.Detector.AnalyzeUserTurn(text).DeclinesHelp, $"expected declines-help for \"{text}\"");

    [Theory]
    [InlineData("don't call me before nine tomorrow")]
    [InlineData("i don't need help with the dishes, thanks")]
    [InlineData("what's the number for a taxi in Lisbon")]
    [InlineData("i'll call my doctor on monday")]
    [InlineData("leave the cake in the oven for ten more minutes")]
    [InlineData("you can't stop a train quickly, can you")]
    [InlineData("is it too late to plant tulips in december")]
    [InlineData("ruf mich morgen an")]
    [InlineData("je veux de l'aide pour mon CV")]
    [InlineData("llama a tu madre mañana")]
    [InlineData("preciso de ajuda com matemática")]
    public void Everyday_Turns_With_The_Same_Verbs_Are_Not(string text) =>
        Assert.False(DetectionAssert.Detector.AnalyzeUserTurn(text).DeclinesHelp, $"expected no declines-help for \"{text}\"");
}
