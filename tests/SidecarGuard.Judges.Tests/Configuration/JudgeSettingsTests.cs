namespace SidecarGuard.Judges.Tests.Configuration;

public sealed class JudgeSettingsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"judges-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    private JudgeSettings LoadFile(string json, params (string, string)[] variables)
    {
        File.WriteAllText(_path, json);
        return JudgeSettings.Load(_path, Environment(variables));
    }

    [Fact]
    public void Nothing_Configured_Means_No_Judges() => Assert.False(JudgeSettings.Load(null, Environment()).HasJudges);

    [Fact]
    public void A_File_Sets_Every_Option_And_Unset_Ones_Keep_Their_Defaults()
    {
        var settings = LoadFile("""
            {
              // comments are allowed
              "combine": "corroborated",
              "llamaGuard": { "baseUrl": "http://127.0.0.1:11434", "model": "llama-guard3:1b", "timeout": "00:00:00.800",
                              "failureThreshold": 5, "breakDuration": "00:01:00", "weight": 0.9, "threshold": 0.3,
                              "promptFromServerTemplate": true },
              "openAIModeration": { "apiKeyVariable": "MY_KEY" },
            }
            """);
        Assert.Equal(CombinationRule.Corroborated, settings.Combine);
        var llama = settings.LlamaGuard!;
        Assert.Equal(("http://127.0.0.1:11434", "llama-guard3:1b", TimeSpan.FromMilliseconds(800), 5, TimeSpan.FromMinutes(1), 0.9, 0.3, true),
            (llama.BaseUrl, llama.Model, llama.Timeout, llama.FailureThreshold, llama.BreakDuration, llama.Weight, llama.Threshold,
                llama.PromptFromServerTemplate));
        var moderation = settings.OpenAIModeration!;
        Assert.Equal(("https://api.openai.com", "omni-moderation-latest", TimeSpan.FromSeconds(1.5), 3, "MY_KEY"),
            (moderation.BaseUrl, moderation.Model, moderation.Timeout, moderation.FailureThreshold, moderation.ApiKeyVariable));
    }

    [Fact]
    public void Environment_Variables_Enable_Judges_And_Win_Over_The_File()
    {
        var settings = LoadFile("""{ "llamaGuard": { "baseUrl": "http://file:1" } }""",
            ("SIDECARGUARD_JUDGE_LLAMAGUARD_URL", "http://env:2"),
            ("SIDECARGUARD_JUDGE_OPENAI_URL", "http://env:3"),
            ("SIDECARGUARD_JUDGE_OPENAI_MODEL", "text-moderation-stable"),
            ("SIDECARGUARD_JUDGE_COMBINE", "Corroborated"));
        Assert.Equal("http://env:2", settings.LlamaGuard!.BaseUrl);
        Assert.Equal(("http://env:3", "text-moderation-stable"), (settings.OpenAIModeration!.BaseUrl, settings.OpenAIModeration.Model));
        Assert.Equal(CombinationRule.Corroborated, settings.Combine);
    }

    [Theory]
    [InlineData("""{ "llamaGuard": { } }""", "BaseUrl")]
    [InlineData("""{ "llamaGuard": { "baseUrl": "ftp://x" } }""", "http or https")]
    [InlineData("""{ "llamaGuard": { "baseUrl": "http://x", "timeout": "00:05:00" } }""", "Timeout")]
    [InlineData("""{ "openAIModeration": { "failureThreshold": 0 } }""", "FailureThreshold")]
    [InlineData("""{ "openAIModeration": { "weight": 1.5 } }""", "Weight")]
    [InlineData("""{ "openAIModeration": { "baseUrl": "http://x", "timout": "00:00:01" } }""", "timout")]
    [InlineData("""{ "combine": "loudest" }""", "combine")]
    [InlineData("""not json""", "not valid")]
    public void Invalid_Settings_Are_Rejected_With_The_Problem_Named(string json, string problem)
    {
        var e = Assert.Throws<JudgeSettingsException>(() => LoadFile(json));
        Assert.Contains(problem, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_Missing_File_Is_Rejected() =>
        Assert.Contains("Cannot read", Assert.Throws<JudgeSettingsException>(() => JudgeSettings.Load(_path, Environment())).Message,
            StringComparison.Ordinal);

    [Fact]
    public void An_Invalid_Combine_Variable_Is_Rejected() =>
        Assert.Throws<JudgeSettingsException>(() => JudgeSettings.Load(null, Environment(("SIDECARGUARD_JUDGE_COMBINE", "7"))));
}
