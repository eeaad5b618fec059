
using SidecarGuard.Semantic.Heads;

namespace SidecarGuard.Semantic.Tests.Heads;

public sealed class HeadSetTests
{
    private static HeadSet Sample() => new("all-MiniLM-L6-v2", 3, "test rows",
        [new Head("abuse", -1.5f, 0.7f, [0.25f, -1f, 2.5e-3f]), new Head("self_harm", 0.125f, 0.55f, [1f, 0f, -0.5f])]);

    [Fact]
    public void Written_Heads_Read_Back_Unchanged()
    {
        using var stream = new MemoryStream();
        Sample().Write(stream);
        stream.Position = 0;
        var read = HeadSet.Read(stream);
        Assert.Equal("test rows", read.TrainedOn);
        Assert.Equal(2, read.Heads.Count);
        Assert.Equal(Sample().Heads[0].Weights, read.Heads[0].Weights);
        Assert.Equal(0.55f, read.Heads[1].Threshold);
    }

    [Fact]
    public void Each_Head_Is_One_Line_So_A_Diff_Shows_Which_Changed()
    {
        using var stream = new MemoryStream();
        Sample().Write(stream);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.Equal(2, lines.Count(l => l.Contains("\"category\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"format":"other/9","encoder":"x","dimensions":1,"trainedOn":"","heads":[]}""", "format")]
    [InlineData("""{"format":"sidecarguard-semantic-heads/1","encoder":"x","dimensions":2,"trainedOn":"","heads":[{"category":"abuse","bias":0,"threshold":0.5,"weights":[1]}]}""", "malformed")]
    [InlineData("""{"format":"sidecarguard-semantic-heads/1","encoder":"x","dimensions":1,"trainedOn":"","heads":[{"category":"abuse","bias":0,"threshold":1.5,"weights":[1]}]}""", "threshold")]
    public void A_Bad_File_Is_Refused_With_The_Reason(string json, string word)
    {
        var error = Assert.Throws<InvalidDataException>(() => HeadSet.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
        Assert.Contains(word, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_Embedded_Heads_Cover_The_Ending_And_At_Risk_Categories()
    {
        var heads = HeadSet.LoadEmbedded();
        Assert.Equal(SidecarGuard.Semantic.Encoding.SentenceEncoder.Dimensions, heads.Dimensions);
        foreach (var category in new[] { "child_sexual_exploitation", "mass_violence", "indiscriminate_weapons", "abuse", "self_harm" })
        {
            Assert.Contains(heads.Heads, h => h.Category == category);
        }
    }

    [Fact]
    public void Scores_Put_The_Threshold_At_One_Half()
    {
        var head = new Head("abuse", 0, 0.8f, [0f]);
        Assert.Equal(0.5, head.Score(0.8f), 6);
        Assert.Equal(1.0, head.Score(1f), 6);
        Assert.True(head.Score(0.5f) < 0.3, "a middling probability stays under the follow-up and doubt levels");
    }
}
