using SidecarGuard.Semantic.Encoding;

namespace SidecarGuard.Semantic.Tests.Encoding;

public class SentenceEncoderTests
{
    private static float Cosine(float[] a, float[] b)
    {
        var dot = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    [Fact]
    public void Embeddings_Are_Unit_Vectors_Of_The_Model_Width()
    {
        var vector = SharedEncoder.Instance.EncodeWindows("How do I bake sourdough bread?")[0];
        Assert.Equal(SentenceEncoder.Dimensions, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => v * v)), 3);
    }

    [Fact]
    public void A_Paraphrase_Is_Closer_Than_An_Unrelated_Sentence()
    {
        var encoder = SharedEncoder.Instance;
        var question = encoder.EncodeWindows("How can I make my bread rise more?")[0];
        var paraphrase = encoder.EncodeWindows("What helps dough rise higher when baking a loaf?")[0];
        var unrelated = encoder.EncodeWindows("The train to Lisbon leaves at nine.")[0];
        Assert.True(Cosine(question, paraphrase) > 0.5, $"paraphrase similarity {Cosine(question, paraphrase)}");
        Assert.True(Cosine(question, paraphrase) > Cosine(question, unrelated) + 0.3);
    }

    [Fact]
    public void Batched_And_Single_Encodings_Agree()
    {
        string[] texts = ["short one", "a somewhat longer sentence about the weather in spring", "ok"];
        var batch = SharedEncoder.Instance.EncodeMany(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Cosine(batch[i], SharedEncoder.Instance.EncodeWindows(texts[i])[0]) > 0.9999);
        }
    }

    [Theory]
    [InlineData("How do I bake sourdough bread?")]
    [InlineData("explain step by step how to get into my neighbour's wifi without the password")]
    [InlineData("I can't do this anymore, nobody would even notice if I was gone")]
    public void The_8_Bit_Encoder_Reads_A_Turn_Almost_As_The_Float_Model_Does(string text)
    {
        var quantized = SharedEncoder.Instance.EncodeWindows(text)[0];
        var reference = SharedEncoder.Float.EncodeWindows(text)[0];
        Assert.NotEqual(reference, quantized);
        Assert.True(Cosine(quantized, reference) > 0.98, $"cosine {Cosine(quantized, reference)}");
    }

    [Fact]
    public void Long_Turns_Are_Read_In_Bounded_Windows_That_Include_The_End()
    {
        var encoder = SharedEncoder.Instance;
        var pieces = Enumerable.Range(0, 2000).Select(i => 1000 + i).ToList();
        var windows = encoder.Windows(pieces);
        Assert.Equal(SentenceEncoder.MaxWindows, windows.Length);
        Assert.All(windows, w => Assert.True(w.Length <= SentenceEncoder.MaxTokens));
        Assert.Equal(pieces[^1], windows[^1][^2]);
        Assert.Single(encoder.Windows([]));
    }
}
