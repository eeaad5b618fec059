using SidecarGuard.Lab.Cli;

namespace SidecarGuard.Lab.Tests;

public sealed class LabCommandLineTests
{
    [Fact]
    public async Task Help_Lists_The_Lab_Commands_And_Says_Trained_Files_Stay_Out_Of_The_Sources()
    {
        var output = new StringWriter();
        var code = await LabCommandLine.RunAsync(["help"], output, TextWriter.Null);
        Assert.Equal(0, code);
        foreach (var command in new[] { "eval [options]", "train [options]", "train-semantic [options]", "score [FILE|-]", "lab-output/heads.json", "lab-output/weights.bin.gz" })
        {
            Assert.Contains(command, output.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("src/", TrainCommand.DefaultOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("src/", TrainSemanticCommand.DefaultOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_Prints_What_Each_Stage_Reads_Of_Every_Turn()
    {
        var file = Path.Combine(Path.GetTempPath(), "sidecarguard-score-" + Guid.NewGuid().ToString("N") + ".tsv");
        await File.WriteAllLinesAsync(file, ["# a comment line is skipped", "at_risk\tI have decided to end my life tonight", "", "what's a good recipe for banana bread?"]);
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await LabCommandLine.RunAsync(["score", file, "--min-score", "0.3"], output, TextWriter.Null));
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(8, lines.Length);
            Assert.Equal("I have decided to end my life tonight", lines[0]);
            Assert.StartsWith("  lexicons  ", lines[1], StringComparison.Ordinal);
            Assert.Matches(@"^  heads     .*self_harm:(0\.[5-9]|1\.0)", lines[2]);
            Assert.Matches(@"^  together  .*self_harm:(0\.[5-9]|1\.0)", lines[3]);
            Assert.Equal("what's a good recipe for banana bread?", lines[4]);
            Assert.Equal("  together  -", lines[7]);
            Assert.Contains("[named self_harm:", lines[1], StringComparison.Ordinal);
            Assert.DoesNotContain("[named", lines[5], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        var error = new StringWriter();
        Assert.Equal(2, await LabCommandLine.RunAsync(["score", "no-such-file.txt"], TextWriter.Null, error));
        Assert.Contains("no such file: no-such-file.txt", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await LabCommandLine.RunAsync(["score", "--min-score", "2"], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task An_Unknown_Command_Or_Option_Is_A_Usage_Error()
    {
        var error = new StringWriter();
        Assert.Equal(2, await LabCommandLine.RunAsync(["serve"], TextWriter.Null, error));
        Assert.Contains("sidecarguard-lab: Unknown command 'serve'", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await LabCommandLine.RunAsync(["train-semantic", "--bogus"], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task The_Encoder_Is_Chosen_By_Name_As_Served_For_Eval_And_As_The_Shipped_Heads_Were_Fitted_For_Training()
    {
        // The precision type is internal to the Semantic assembly; its names are what this test can see.
        Assert.Equal("Int8", EvalCommand.Parse([]).Precision.ToString());
        Assert.Equal("Float32", EvalCommand.Parse(["--encoder", "float"]).Precision.ToString());
        Assert.Equal("Float32", TrainSemanticCommand.Parse([]).Precision.ToString());
        Assert.Equal("Int8", TrainSemanticCommand.Parse(["--encoder=int8"]).Precision.ToString());

        var error = new StringWriter();
        Assert.Equal(2, await LabCommandLine.RunAsync(["eval", "--encoder", "fp16"], TextWriter.Null, error));
        Assert.Contains("--encoder must be int8 or float, not 'fp16'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_Semantic_Without_Data_Says_So_And_Writes_Nothing()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), "sidecarguard-no-data-" + Guid.NewGuid().ToString("N"));
        var code = await LabCommandLine.RunAsync(["train-semantic", "--data", missing], output, error);
        Assert.Equal(2, code);
        Assert.Contains("sidecarguard-lab: no data directory", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_Judges_Under_A_Policy_File_And_Refuses_An_Invalid_One_Before_Reading_Data()
    {
        Assert.Null(EvalCommand.Parse([]).PolicyPath);
        Assert.Equal("strict.json", EvalCommand.Parse(["--policy", "strict.json"]).PolicyPath);

        var policy = Path.Combine(Path.GetTempPath(), "sidecarguard-lab-policy-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(policy, """{"atRiskDoubtThreshold": 1.5}""");
        try
        {
            var error = new StringWriter();
            var missing = Path.Combine(Path.GetTempPath(), "sidecarguard-no-data-" + Guid.NewGuid().ToString("N"));
            Assert.Equal(2, await LabCommandLine.RunAsync(["eval", "--policy", policy, "--data", missing], TextWriter.Null, error));
            Assert.Contains("atRiskDoubtThreshold", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("no data directory", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
