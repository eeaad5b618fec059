using SidecarGuard.Core.Detection.Model;

namespace SidecarGuard.Core.Tests.Detection.Model;

public sealed class LinearModelTests
{
    private const int Bits = 10;

    private struct Collector(List<int> buckets) : IFeatureSink
    {
        public readonly void Add(int bucket) => buckets.Add(bucket);

        public readonly void WordDone()
        {
        }
    }

    private static List<int> Features(string text)
    {
        var buckets = new List<int>();
        var sink = new Collector(buckets);
        FeatureHasher.Visit(text, Bits, ref sink);
        return buckets;
    }

    /// <summary>A one-category model whose weights are +1 on the buckets of <paramref name="positive"/>.</summary>
    private static LinearModel ModelFavouring(string positive)
    {
        var weights = new sbyte[1 << Bits];
        foreach (var bucket in Features(positive))
        {
            weights[bucket] = 100;
        }

        return new LinearModel(Bits, ["demo"], [-2f], [0.05f], [0.5f], weights);
    }

    [Theory]
    [InlineData(10, "plan a short trip to the coast with good food and a quiet hotel")]
    [InlineData(17, "plan a short trip to the coast with good food and a quiet hotel")]
    [InlineData(10, "")]
    public void Scores_Equal_The_Plain_Weighted_Sum(int categories, string text) =>
        AssertMatchesReference(RandomModel(categories, seed: categories), text);

    [Fact]
    public void A_Word_Of_Thousands_Of_Characters_Does_Not_Overflow_The_Sums()
    {
        // Every 4-gram of one huge word lands in a +127 bucket: 16-bit per-word sums would wrap without flushing.
        var weights = Enumerable.Repeat((sbyte)127, (1 << Bits) * 3).ToArray();
        var model = new LinearModel(Bits, ["a", "b", "c"], [0f, 0f, 0f], [1e-5f, 1e-5f, 1e-5f], [0.5f, 0.5f, 0.5f], weights);

        AssertMatchesReference(model, new string('x', 6000));
    }

    /// <summary>Whole-text probabilities computed the slow, obvious way must equal the scorer's.</summary>
    private static void AssertMatchesReference(LinearModel model, string text)
    {
        var k = model.Categories.Count;
        var features = Features(text, model.Bits);
        var expected = new float[k];
        for (var c = 0; c < k; c++)
        {
            var sum = features.Sum(b => (int)model.WeightAt(b, c));
            var z = model.Biases[c] + (model.Scales[c] * sum * LinearModel.Norm(features.Count));
            expected[c] = 1f / (1f + MathF.Exp(-z));
        }

        var actual = new float[k];
        model.Score(text, actual);

        Assert.Equal(expected, actual);
    }

    private static LinearModel RandomModel(int categories, int seed)
    {
        var random = new Random(seed);
        var weights = new sbyte[(1 << Bits) * categories];
        random.NextBytes((Span<byte>)System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
        var names = Enumerable.Range(0, categories).Select(c => $"c{c}").ToArray();
        return new LinearModel(Bits, names, [.. names.Select(_ => -1f)], [.. names.Select(_ => 0.01f)], [.. names.Select(_ => 0.5f)], weights);
    }

    private static List<int> Features(string text, int bits)
    {
        var buckets = new List<int>();
        var sink = new Collector(buckets);
        FeatureHasher.Visit(text, bits, ref sink);
        return buckets;
    }

    [Fact]
    public void Features_Are_Words_Pairs_And_Padded_Four_Grams()
    {
        // "ab cdefg": 2 words + 1 pair + "cdefg" padded to 7 characters gives 4 four-grams; "ab" is too short for grams.
        Assert.Equal(7, Features("ab cdefg").Count);
        Assert.Equal(Features("ab cdefg"), Features("ab, cdefg!"));
        Assert.All(Features("some longer text here"), b => Assert.InRange(b, 0, (1 << Bits) - 1));
    }

    [Fact]
    public void Hashing_Is_Stable_Across_Runs() => Assert.Equal(Features("stable hashing"), Features("stable hashing"));

    [Fact]
    public void Scores_Text_With_The_Favoured_Features_Higher()
    {
        var model = ModelFavouring("purple elephant");
        var high = new float[1];
        var low = new float[1];

        model.Score("purple elephant", high);
        model.Score("grey mouse", low);

        Assert.True(high[0] > 0.5f, $"{high[0]}");
        Assert.True(low[0] < 0.5f, $"{low[0]}");
    }

    [Fact]
    public void A_Short_Cue_Inside_A_Long_Turn_Is_Found_By_Its_Window()
    {
        var model = ModelFavouring("purple elephant");
        var filler = string.Join(' ', Enumerable.Repeat("grey mouse walks home", 60));
        var scores = new float[1];

        model.Score(filler + " purple elephant", scores);

        Assert.True(scores[0] > 0.5f, $"{scores[0]}");
    }

    [Fact]
    public void Written_Model_Reads_Back_Identically()
    {
        var model = ModelFavouring("purple elephant");
        using var file = new MemoryStream();
        model.Write(file);
        file.Position = 0;

        var read = LinearModel.Read(file);

        Assert.Equal(model.Categories, read.Categories);
        Assert.Equal(model.Biases, read.Biases);
        Assert.Equal(model.Thresholds, read.Thresholds);
        var (a, b) = (new float[1], new float[1]);
        model.Score("purple elephant", a);
        read.Score("purple elephant", b);
        Assert.Equal(a[0], b[0]);
    }

    [Fact]
    public void Other_Files_Are_Rejected() =>
        Assert.ThrowsAny<Exception>(() => LinearModel.Read(new MemoryStream([1, 2, 3, 4])));

    [Theory]
    [InlineData(0.8f, 0.8f, 0.5)]
    [InlineData(1.0f, 0.8f, 1.0)]
    [InlineData(0.4f, 0.8f, 0.25)]
    [InlineData(0.0f, 0.7f, 0.0)]
    public void Threshold_Maps_To_The_Detection_Threshold(float probability, float threshold, double expected) =>
        Assert.Equal(expected, ModelScoreMapping.ToScore(probability, threshold), 6);

    [Fact]
    public void Embedded_Model_Scores_Every_Category_It_Names()
    {
        var model = Assert.IsType<LinearModel>(EmbeddedModel.Value);
        var scores = new float[model.Categories.Count];

        model.Score("what time does the library open on sunday", scores);

        Assert.All(scores, p => Assert.InRange(p, 0f, 0.5f));
    }
}
