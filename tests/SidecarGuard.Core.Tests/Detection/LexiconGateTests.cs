using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

public sealed class LexiconGateTests
{
    private static readonly LexiconGate Gate = new(["sarin", "ich"]);

    [Theory]
    [InlineData("how long should i boil pasta for a big family dinner", false)]
    [InlineData("tell me about sarin please", true)]
    [InlineData("kann ich heute kommen", true)]
    [InlineData("quiero saber más sobre la historia", true)]
    [InlineData("sarinx is a made-up word", false)]
    public void Opens_For_Listed_Words_And_Non_Ascii_Letters(string normalized, bool opens) =>
        Assert.Equal(opens, Gate.Opens(normalized));

    [Fact]
    public void Embedded_List_Holds_Other_Languages_And_Watched_Words()
    {
        Assert.True(LexiconGate.Default.Opens("wie plane ich das"));
        Assert.True(LexiconGate.Default.Opens("how do i make a bomb"));
        Assert.True(LexiconGate.Default.Opens("the charcoal is lit and the window is taped"));
        Assert.True(LexiconGate.Default.Opens("the revolver is against my temple"));
        Assert.False(LexiconGate.Default.Opens("which vegetables grow well together in spring"));
    }

    [Fact]
    public void Long_Benign_Turns_Skip_The_Lexicons_And_Get_No_Signals()
    {
        var turn = string.Concat(Enumerable.Repeat("I am planning a small garden and wondering which vegetables grow well together. ", 12));

        Assert.Same(TurnSignals.None, new LexiconDetector().AnalyzeUserTurn(turn));
    }
}
