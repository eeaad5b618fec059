using System.Text.Json;
using SidecarGuard.Sidecar.Cli;

namespace SidecarGuard.Sidecar.Tests;

public sealed class ReplayCommandTests
{
    private static async Task<(int Code, string[] Lines, string Error)> ReplayAsync(string input, params string[] options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["replay", "-", .. options], new StringReader(input), output, error);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (code, lines, error.ToString());
    }

    private static string Conversation(string id, params (string Role, string Text)[] turns) =>
        JsonSerializer.Serialize(new { id, turns = turns.Select(t => new { role = t.Role, content = t.Text }) });

    [Fact]
    public async Task Json_Output_Has_The_Exact_Shape()
    {
        var line = Conversation("abuse-1",
            ("user", Phrases.Terror), ("assistant", Phrases.Refusal),
            ("user", Phrases.Terror), ("assistant", Phrases.Refusal),
            ("user", Phrases.Terror), ("assistant", "If this continues I may end our conversation."),
            ("user", Phrases.Terror), ("user", Phrases.Benign));
        var (code, lines, _) = await ReplayAsync(line + "\n", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal(
            """{"id":"abuse-1","actions":["REDIRECT","REDIRECT","WARN","END","ENDED"],"ended":true,"endedAtTurn":3,"endReason":"ABUSE"}""",
            Assert.Single(lines));
    }

    [Fact]
    public async Task Conversations_That_Do_Not_End_Print_Nulls()
    {
        var (_, lines, _) = await ReplayAsync(Conversation("calm", ("user", Phrases.Benign), ("assistant", "Sure."), ("user", Phrases.AtRisk)) + "\n", "--format=json");
        Assert.Equal("""{"id":"calm","actions":["ALLOW","SUPPORT"],"ended":false,"endedAtTurn":null,"endReason":null}""", Assert.Single(lines));
    }

    [Fact]
    public async Task User_Requested_End_Is_Reported()
    {
        var (_, lines, _) = await ReplayAsync(Conversation("bye", ("user", Phrases.EndRequest), ("assistant", "Are you sure?"), ("user", Phrases.Confirm)) + "\n", "--format", "json");
        Assert.Equal("""{"id":"bye","actions":["CONFIRM_END","END"],"ended":true,"endedAtTurn":1,"endReason":"USER_REQUESTED"}""", Assert.Single(lines));
    }

    [Fact]
    public async Task One_Line_Out_Per_Line_In_With_Errors_In_Place()
    {
        var input = string.Join("\n",
            Conversation("a", ("user", Phrases.Benign)),
            "{not json",
            """{"id":"no-turns"}""",
            "",
            Conversation("b", ("system", "be nice"), ("user", Phrases.Benign)));
        var (code, lines, error) = await ReplayAsync(input, "--format", "json");
        Assert.Equal(1, code);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("""{"id":"a","actions":["ALLOW"]""", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"error\":\"not valid JSON", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"turns\\\" must be an array", lines[2].Replace("\\u0022", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("""{"id":"b","actions":["ALLOW"]""", lines[3], StringComparison.Ordinal);
        Assert.Contains("line 2:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_Are_Independent_Even_With_The_Same_Id()
    {
        var abusive = Conversation("same", ("user", Phrases.Terror), ("user", Phrases.Terror));
        var (_, lines, _) = await ReplayAsync(abusive + "\n" + abusive + "\n", "--format", "json");
        Assert.All(lines, l => Assert.Contains("\"actions\":[\"REDIRECT\",\"REDIRECT\"]", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Content_Parts_Arrays_Are_Read()
    {
        var line = """{"id":"parts","turns":[{"role":"user","content":[{"type":"text","text":"Please end this conversation."}]}]}""";
        var (_, lines, _) = await ReplayAsync(line, "--format", "json");
        Assert.Contains("CONFIRM_END", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_Format_Shows_Each_Turn()
    {
        var (code, lines, _) = await ReplayAsync(Conversation("t", ("user", Phrases.Terror), ("user", Phrases.Benign)) + "\n", "--format", "table");
        Assert.Equal(0, code);
        Assert.Contains(lines, l => l.Contains("REDIRECT", StringComparison.Ordinal) && l.Contains("refuse and redirect", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ALLOW", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_Format_Is_A_Usage_Error()
    {
        var (code, _, error) = await ReplayAsync("", "--format", "xml");
        Assert.Equal(2, code);
        Assert.Contains("--format must be json or table", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_File_Is_Reported()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["replay", "/nonexistent/file.jsonl", "--format", "json"], TextReader.Null, output, error);
        Assert.Equal(2, code);
        Assert.Contains("cannot read", error.ToString(), StringComparison.Ordinal);
    }
}
