using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

public sealed class CrisisReplyDetectorTests
{
    [Theory]
    [InlineData("I'm really sorry you're feeling this way. You can call or text 988 any time, day or night.")]
    [InlineData("Please consider reaching out to a crisis line in your country; they are there to listen.")]
    [InlineData("If you are in immediate danger, please contact emergency services.")]
    [InlineData("The Samaritans are available on 116 123.")]
    [InlineData("Puedes llamar al Teléfono de la Esperanza o a una línea de ayuda.")]
    [InlineData("Tu peux appeler SOS Amitié, ils sont là pour t'écouter.")]
    [InlineData("Die Telefonseelsorge ist rund um die Uhr erreichbar.")]
    [InlineData("Você pode ligar para o CVV pelo 188.")]
    public void Replies_That_Offer_Crisis_Help_Are_Recognised(string reply) =>
        Assert.True(CrisisReplyDetector.OffersCrisisHelp(reply));

    [Theory]
    [InlineData("Here is the recipe for lemon cake.")]
    [InlineData("I can't help with that.")]
    [InlineData("The line of best fit has a slope of 2.")]
    [InlineData("Our customer service team will reply within a day.")]
    [InlineData("")]
    [InlineData(null)]
    public void Ordinary_Replies_Are_Not(string? reply) =>
        Assert.False(CrisisReplyDetector.OffersCrisisHelp(reply));
}
