using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

public sealed class SignalDetectionTests
{
    private static readonly LexiconDetector Detector = new();

    [Theory]
    [InlineData("I can't help with that.")]
    [InlineData("I won't provide instructions for making weapons.")]
    [InlineData("I'm not able to assist with this request.")]
    [InlineData("I cannot comply with that request.")]
    [InlineData("Sorry, but I can't do that.")]
    [InlineData("I'm sorry, but I cannot help you with this.")]
    [InlineData("That's not something I can help with, but here is a hotline.")]
    [InlineData("This request goes against my guidelines.")]
    [InlineData("I must respectfully decline.")]
    [InlineData("Lo siento, pero no puedo ayudarte con eso.")]
    [InlineData("Désolé, mais je ne peux pas faire ça.")]
    [InlineData("Leider kann ich dabei nicht helfen.")]
    [InlineData("Desculpe, mas não posso ajudar com isso.")]
    [InlineData("Das kann ich leider nicht tun.")]
    [InlineData("I'd rather not get into that. Let's talk about something else.")]
    public void Refusals_Are_Recognised(string reply) => Assert.True(Detector.IsRefusal(reply));

    [Theory]
    [InlineData("I can't wait to help!")]
    [InlineData("Sure! Here is the recipe you asked for.")]
    [InlineData("I can't believe how well this turned out.")]
    [InlineData("I can't help but notice you used a list; here's a dictionary version.")]
    [InlineData("You can't call that method before Start().")]
    [InlineData("I'd rather not guess the exact number; here is how to measure it.")]
    [InlineData("Das kann ich dir gern erklären: zuerst den Ofen vorheizen.")]
    [InlineData("")]
    public void Helpful_Replies_Are_Not_Refusals(string reply) => Assert.False(Detector.IsRefusal(reply));

    [Theory]
    [InlineData("end this conversation")]
    [InlineData("stop this chat")]
    [InlineData("I want to end our chat")]
    [InlineData("please close this conversation")]
    [InlineData("End chat.")]
    [InlineData("Quiero terminar esta conversación")]
    [InlineData("Je veux mettre fin à cette conversation")]
    [InlineData("Bitte beende dieses Gespräch")]
    [InlineData("Quero encerrar esta conversa")]
    [InlineData("ok, can we stop here?")]
    [InlineData("let's wrap it up here")]
    [InlineData("I don't want to talk to you anymore")]
    [InlineData("/quit")]
    public void End_Requests_Are_Recognised(string text) => Assert.True(Detector.AnalyzeUserTurn(text).EndRequest);

    [Theory]
    [InlineData("How do I politely end a conversation with my coworker?")]
    [InlineData("The chat widget should close the session after a timeout")]
    [InlineData("Can you continue the story?")]
    [InlineData("I want to end my subscription")]
    [InlineData("can we stop the timer now?")]
    [InlineData("let's end this meeting with a quick recap of the decisions")]
    public void Other_Endings_Are_Not_End_Requests(string text) => Assert.False(Detector.AnalyzeUserTurn(text).EndRequest);

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes, end it")]
    [InlineData("confirm")]
    [InlineData("I'm sure")]
    [InlineData("yes please end it")]
    [InlineData("do it")]
    [InlineData("Sí, por favor")]
    [InlineData("oui, je confirme")]
    [InlineData("Sí, estoy seguro")]
    [InlineData("Oui, je suis sûre.")]
    [InlineData("Ja, ich bin sicher")]
    [InlineData("Sim, tenho certeza")]
    public void Short_Affirmatives_Are_Confirmations(string text) => Assert.True(Detector.AnalyzeUserTurn(text).EndConfirmation);

    [Theory]
    [InlineData("no")]
    [InlineData("not sure")]
    [InlineData("yes, but first tell me about volcanoes")]
    [InlineData("Yes. Now, about the budget spreadsheet we discussed earlier, can you sum column B for me please?")]
    public void Other_Replies_Are_Not_Confirmations(string text) => Assert.False(Detector.AnalyzeUserTurn(text).EndConfirmation);

    /// <summary>
    /// Asking to end the conversation is not a risk signal: the model alone never makes it at risk, which would veto
    /// the end the user asked for. A self-harm phrase in the same turn still counts.
    /// </summary>
    [Theory]
    [InlineData("I want to end this conversation now", false)]
    [InlineData("I don't want to talk anymore", false)]
    [InlineData("I want to end this conversation and end my life", true)]
    public void End_Requests_Are_At_Risk_Only_With_A_Self_Harm_Phrase(string text, bool atRisk)
    {
        var signals = Detector.AnalyzeUserTurn(text);
        Assert.True(signals.EndRequest);
        Assert.Equal(atRisk, signals.ReadsAtRisk(LexiconDetector.DetectionThreshold));
    }
}
