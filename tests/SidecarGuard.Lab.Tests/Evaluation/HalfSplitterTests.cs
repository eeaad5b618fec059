using SidecarGuard.Lab.Evaluation;

namespace SidecarGuard.Lab.Tests.Evaluation;

public sealed class HalfSplitterTests
{
    private static EvalItem Row(string text, int half) =>
        new(text, half, "g", new Dictionary<string, bool>(), new Dictionary<string, bool>());

    [Fact]
    public void Inner_Split_Keeps_First_Halves_Only_And_Splits_Each_File_Again()
    {
        // Two files read into one set: a1..a4 | a5..a8 and b1..b2 | b3..b4.
        var items = new[]
        {
            Row("a1", 1), Row("a2", 1), Row("a3", 1), Row("a4", 1), Row("a5", 2), Row("a6", 2), Row("a7", 2), Row("a8", 2),
            Row("b1", 1), Row("b2", 1), Row("b3", 2), Row("b4", 2),
        };

        var inner = HalfSplitter.InnerSplit(items);

        Assert.Equal(["a1", "a2", "a3", "a4", "b1", "b2"], inner.Select(i => i.Text));
        Assert.Equal([1, 1, 2, 2, 1, 2], inner.Select(i => i.Half));
    }
}
