using SidecarGuard.Judges.Combining;
using SidecarGuard.Judges.LlamaGuard;
using SidecarGuard.Judges.OpenAI;
using SidecarGuard.Judges.Resilience;

namespace SidecarGuard.Judges.Tests.Fakes;

/// <summary>Judges pointed at a fake server, with short timeouts so the slow cases stay fast.</summary>
internal static class TestJudges
{
    public static LlamaGuardOptions LlamaGuard(FakeJudgeServer server, TimeSpan? timeout = null) => new()
    {
        BaseUrl = server.BaseUrl,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
    };

    public static OpenAIModerationOptions Moderation(FakeJudgeServer server, TimeSpan? timeout = null) => new()
    {
        BaseUrl = server.BaseUrl,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
    };

    public static GuardedJudge Guarded(LlamaGuardOptions options, TimeProvider? time = null) =>
        new(new LlamaGuardJudge(options, JudgeHttp.CreateClient(), apiKey: null), options, time ?? TimeProvider.System);

    public static GuardedJudge Guarded(OpenAIModerationOptions options, TimeProvider? time = null, string? apiKey = null) =>
        new(new OpenAIModerationJudge(options, JudgeHttp.CreateClient(), apiKey), options, time ?? TimeProvider.System);

    public static CombinedDetector Combined(Core.Detection.ITurnDetector builtIn, params GuardedJudge[] judges) =>
        new(builtIn, judges, CombinationRule.Strongest);
}
