using SidecarGuard.Lab.Evaluation;

namespace SidecarGuard.Lab.Tests.Evaluation;

public sealed class ConfusionCountsTests
{
    [Fact]
    public void Rates_And_F1_Follow_Their_Definitions()
    {
        var counts = new ConfusionCounts(TruePositives: 8, FalseNegatives: 2, FalsePositives: 1, TrueNegatives: 9);

        Assert.Equal(0.8, counts.Recall!.Value, 6);
        Assert.Equal(0.1, counts.FalseFlagRate!.Value, 6);
        Assert.Equal(0.9, counts.CleanRate!.Value, 6);
        Assert.Equal(8.0 / 9, counts.Precision!.Value, 6);
        Assert.Equal(16.0 / 19, counts.F1!.Value, 6);
    }

    [Fact]
    public void Rates_Are_Unknown_Without_The_Rows_They_Need()
    {
        var onlyPositives = new ConfusionCounts().Add(positive: true, flagged: true);

        Assert.Equal(1.0, onlyPositives.Recall);
        Assert.Null(onlyPositives.FalseFlagRate);
        Assert.Null(onlyPositives.F1);
        Assert.Null(new ConfusionCounts().Recall);
    }

    [Fact]
    public void Add_Counts_Each_Cell()
    {
        var counts = new ConfusionCounts()
            .Add(true, true).Add(true, false).Add(false, true).Add(false, false).Add(false, false);

        Assert.Equal(new ConfusionCounts(1, 1, 1, 2), counts);
    }

    [Fact]
    public void Targets_Are_Met_Only_When_Every_Bound_Holds()
    {
        var counts = new ConfusionCounts(TruePositives: 9, FalseNegatives: 1, FalsePositives: 0, TrueNegatives: 10);

        Assert.True(counts.Meets(new Target(Recall: 0.9, Clean: 0.97)));
        Assert.False(counts.Meets(new Target(Recall: 0.95)));
        Assert.Null(new ConfusionCounts(1, 0, 0, 0).Meets(new Target(Clean: 0.9)));
    }
}
