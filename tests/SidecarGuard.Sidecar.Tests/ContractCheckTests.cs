namespace SidecarGuard.Sidecar.Tests;

/// <summary>buf lint and buf breaking over protos/, offline: the contract is the only thing other languages see.</summary>
public sealed class ContractCheckTests
{
    [Fact]
    public async Task Contract_Passes_Buf_Lint()
    {
        using var workspace = BufWorkspace.Create();
        var (code, output) = await workspace.LintAsync();
        Assert.True(code == 0, $"buf lint failed ({code}):\n{output}");
    }

    [Fact]
    public async Task Contract_Has_No_Breaking_Change_Since_Released_V1()
    {
        using var workspace = BufWorkspace.Create();
        var (code, output) = await workspace.BreakingAsync();
        Assert.True(code == 0, $"buf breaking against {BufWorkspace.ReleasedImage} failed ({code}):\n{output}");
    }

    [Fact]
    public async Task Breaking_Check_Catches_A_Changed_Field_Type()
    {
        using var workspace = BufWorkspace.Create();
        Rewrite(workspace.GuardProto, "  string user_text = 3;", "  bytes user_text = 3;");
        var (code, output) = await workspace.BreakingAsync();
        Assert.NotEqual(0, code);
        Assert.Contains("user_text", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_Catches_A_Zero_Enum_Value_Without_Unspecified()
    {
        using var workspace = BufWorkspace.Create();
        Rewrite(workspace.GuardProto, "TURN_ACTION_UNSPECIFIED = 0;", "TURN_ACTION_NONE = 0;");
        var (code, output) = await workspace.LintAsync();
        Assert.NotEqual(0, code);
        Assert.Contains("TURN_ACTION_NONE", output, StringComparison.Ordinal);
    }

    private static void Rewrite(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
