using SidecarGuard.Semantic.Encoding;

namespace SidecarGuard.Semantic.Tests.Encoding;

/// <summary>Concurrent turns sharing encoder runs get what a run of their own would give.</summary>
public sealed class EncoderBatcherTests
{
    private static readonly string[] Texts =
    [
        "How long should I rest bread dough before baking?",
        "ok",
        "What is the capital of Portugal, and is it worth a visit in winter?",
        "Write a limerick about a cat who hates Mondays.",
        "My landlord will not fix the heating. What are my options as a tenant in a rented flat?",
        "thanks!",
        "Explain compound interest to a twelve-year-old with an example about pocket money.",
        "Which houseplants survive in a room with little light?",
    ];

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var w = 0; w < expected.Length; w++)
        {
            for (var d = 0; d < expected[w].Length; d++)
            {
                Assert.Equal(expected[w][d], actual[w][d], 4);
            }
        }
    }

    [Fact]
    public async Task Concurrent_Turns_Share_Runs_And_Get_Their_Own_Embeddings()
    {
        await using var batcher = new EncoderBatcher(SharedEncoder.Float, workers: 1);
        var texts = Enumerable.Range(0, 4).SelectMany(_ => Texts).ToArray();
        var results = await Task.WhenAll(texts.Select(t => batcher.EncodeWindowsAsync(t)));

        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(SharedEncoder.Float.EncodeWindows(texts[i]), results[i]);
        }

        var (runs, windows) = batcher.Counts;
        Assert.Equal(texts.Length, windows);
        Assert.True(runs < texts.Length / 2, $"{texts.Length} turns submitted together took {runs} runs");
    }

    [Fact]
    public async Task A_Long_Turn_Among_Short_Ones_Keeps_Every_Window()
    {
        var longTurn = string.Join(" ", Enumerable.Repeat("The garden needs water every morning in the dry season.", 60))
            + " Finally, which tomato varieties grow best in pots?";
        var expected = SharedEncoder.Float.EncodeWindows(longTurn);
        Assert.True(expected.Length > 1);

        await using var batcher = new EncoderBatcher(SharedEncoder.Float, workers: 1);
        var tasks = new[] { "hello", longTurn, "thanks", "what time is it in Tokyo?" }.Select(t => batcher.EncodeWindowsAsync(t)).ToArray();
        var results = await Task.WhenAll(tasks);

        AssertClose(expected, results[1]);
        AssertClose(SharedEncoder.Float.EncodeWindows("hello"), results[0]);
        AssertClose(SharedEncoder.Float.EncodeWindows("what time is it in Tokyo?"), results[3]);
    }

    [Fact]
    public async Task With_The_8_Bit_Encoder_A_Turn_Gets_What_It_Gets_Alone_Whatever_Runs_Beside_It()
    {
        // Its activations are quantized with one range per run: sharing a run with a long turn would move a short
        // turn's embedding (measured: by up to 0.02 a dimension), so every window runs alone there.
        var encoder = SharedEncoder.Instance;
        Assert.False(encoder.SharesRuns);
        var longTurn = string.Join(" ", Enumerable.Repeat("Tell me everything about the history of the printing press.", 40));
        await using var batcher = new EncoderBatcher(encoder, workers: 1);
        var texts = new[] { "hello there", longTurn, "what time is it in Tokyo?", Texts[0] };
        var results = await Task.WhenAll(texts.Select(t => batcher.EncodeWindowsAsync(t)));

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = encoder.WindowsOf(texts[i]).Select(w => encoder.EncodeSequences([w])[0]).ToArray();
            Assert.Equal(alone.Length, results[i].Length);
            for (var w = 0; w < alone.Length; w++)
            {
                Assert.Equal(alone[w], results[i][w]);
            }
        }

        Assert.Equal(batcher.Counts.Windows, batcher.Counts.Runs);
    }

    [Fact]
    public async Task A_Lone_Turn_Is_Encoded_At_Once()
    {
        await using var batcher = new EncoderBatcher(SharedEncoder.Float, workers: 2);
        var vectors = await batcher.EncodeWindowsAsync(Texts[0]).WaitAsync(TimeSpan.FromSeconds(30));
        AssertClose(SharedEncoder.Float.EncodeWindows(Texts[0]), vectors);
        Assert.Equal((1L, 1L), batcher.Counts);
    }

    [Fact]
    public async Task A_Disposed_Batcher_Refuses_New_Turns()
    {
        var batcher = new EncoderBatcher(SharedEncoder.Float, workers: 1);
        await batcher.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.EncodeWindowsAsync("hello"));
    }
}
