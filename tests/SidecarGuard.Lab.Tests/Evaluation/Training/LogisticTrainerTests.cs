using SidecarGuard.Core.Detection.Model;
using SidecarGuard.Lab.Cli;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Lab.Evaluation;
using SidecarGuard.Lab.Evaluation.Training;

namespace SidecarGuard.Lab.Tests.Evaluation.Training;

public sealed class LogisticTrainerTests
{
    private static EvalItem Item(string text, bool? positive) => new(text, 1, "g", new Dictionary<string, bool>(),
        positive is { } p ? new Dictionary<string, bool> { ["demo"] = p } : new Dictionary<string, bool>());

    private static readonly EvalItem[] Items =
    [
        Item("the purple elephant dances", true),
        Item("a purple elephant sings loudly", true),
        Item("purple elephant at the zoo", true),
        Item("the grey mouse sleeps", false),
        Item("a grey mouse eats cheese", false),
        Item("small mouse in the kitchen", false),
        Item("purple mouse ignored: no label", null),
    ];

    [Fact]
    public void Learns_A_Separable_Toy_Problem_From_Labelled_Rows_Only()
    {
        var model = new LogisticTrainer(new TrainerOptions { Bits = 12 }).Train(Items, ["demo"]);
        var (high, low) = (new float[1], new float[1]);

        model.Score("purple elephant", high);
        model.Score("grey mouse", low);

        Assert.True(high[0] > 0.5f && low[0] < 0.5f, $"{high[0]} vs {low[0]}");
        Assert.Equal(0.8f, model.Thresholds[0]);
    }

    [Fact]
    public void Same_Data_Gives_The_Same_Weights()
    {
        var trainer = new LogisticTrainer(new TrainerOptions { Bits = 12 });

        Assert.Equal(Bytes(trainer.Train(Items, ["demo"])), Bytes(trainer.Train(Items, ["demo"])));
    }

    [Fact]
    public void Train_Options_Are_Parsed_And_Checked()
    {
        var options = TrainCommand.Parse(["--epochs", "3", "--bits", "14", "--l2", "0.01", "--out", "w.bin.gz"]);

        Assert.Equal(3, options.Trainer.Epochs);
        Assert.Equal(14, options.Trainer.Bits);
        Assert.Equal(0.01f, options.Trainer.L2);
        Assert.Equal("w.bin.gz", options.Output);
        Assert.Throws<UsageException>(() => TrainCommand.Parse(["--epochs", "-1"]));
    }

    [Fact]
    public void Idioms_Are_Negatives_For_Every_Category() =>
        Assert.All(TrainingData.Idioms(), i => Assert.All(TrainingTargets.Categories, c => Assert.False(i.Targets[c])));

    private static byte[] Bytes(LinearModel model)
    {
        using var stream = new MemoryStream();
        model.Write(stream);
        return stream.ToArray();
    }
}
