namespace SidecarGuard.Semantic.Tests;

public sealed class HeadScoreCacheTests
{
    [Fact]
    public void The_Least_Recently_Used_Entry_Leaves_First()
    {
        var cache = new HeadScoreCache(capacity: 2);
        UInt128 a = HeadScoreCache.KeyOf("a"), b = HeadScoreCache.KeyOf("b"), c = HeadScoreCache.KeyOf("c");
        cache.Add(a, [0.1]);
        cache.Add(b, [0.2]);
        Assert.True(cache.TryGet(a, out _)); // a is now the most recent
        cache.Add(c, [0.3]);

        Assert.True(cache.TryGet(a, out var scoresA));
        Assert.Equal([0.1], scoresA);
        Assert.False(cache.TryGet(b, out _));
        Assert.True(cache.TryGet(c, out _));
        Assert.Equal((3L, 4L), cache.Counts);
    }

    [Fact]
    public void Callers_Get_Copies_And_Cannot_Change_What_Is_Kept()
    {
        var cache = new HeadScoreCache();
        var key = HeadScoreCache.KeyOf("some turn");
        var scores = new[] { 0.5, 0.7 };
        cache.Add(key, scores);
        scores[0] = 9;
        Assert.True(cache.TryGet(key, out var first));
        first[1] = 9;
        Assert.True(cache.TryGet(key, out var second));
        Assert.Equal([0.5, 0.7], second);
    }

    [Fact]
    public void Keys_Tell_Texts_Apart_And_Repeat_For_The_Same_Text()
    {
        Assert.Equal(HeadScoreCache.KeyOf("how do I bake bread?"), HeadScoreCache.KeyOf("how do I bake bread?"));
        Assert.NotEqual(HeadScoreCache.KeyOf("how do I bake bread?"), HeadScoreCache.KeyOf("how do I bake bread!"));
    }

    [Fact]
    public async Task Scoring_Runs_Only_On_A_Miss()
    {
        var cache = new HeadScoreCache();
        var runs = 0;
        double[] Score(string text)
        {
            runs++;
            return [text.Length];
        }

        Assert.Equal([5.0], cache.GetOrAdd("hello", Score));
        Assert.Equal([5.0], cache.GetOrAdd("hello", Score));
        var again = await cache.GetOrAddAsync("hello", (t, _) => Task.FromResult(Score(t)), CancellationToken.None);
        var other = await cache.GetOrAddAsync("hey", (t, _) => Task.FromResult(Score(t)), CancellationToken.None);
        Assert.Equal(new[] { 5.0 }, again);
        Assert.Equal(new[] { 3.0 }, other);
        Assert.Equal(2, runs);
    }
}
