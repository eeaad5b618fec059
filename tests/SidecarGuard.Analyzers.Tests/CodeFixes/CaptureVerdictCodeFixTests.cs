using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<SidecarGuard.Analyzers.Rules.IgnoredVerdictAnalyzer, SidecarGuard.Analyzers.CodeFixes.CaptureVerdictCodeFix>;

namespace SidecarGuard.Analyzers.Tests.CodeFixes;

public sealed class CaptureVerdictCodeFixTests
{
    [Fact]
    public Task Captures_Verdict_And_Returns_When_Ended() => Verify.VerifyAsync(
        InChatClass("""
            public async Task Reply(string id, string text)
            {
                {|SG1003:await guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
                await client.GetResponseAsync(text);
            }
        """),
        InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { return; }
                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Returns_Default_From_Method_With_Result() => Verify.VerifyAsync(
        InChatClass("""
            public async Task<string> Reply(string id, string text)
            {
                {|SG1003:guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
                return (await client.GetResponseAsync(text)).Text;
            }
        """),
        InChatClass("""
            public async Task<string> Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { return default; }
                return (await client.GetResponseAsync(text)).Text;
            }
        """));

    [Fact]
    public Task Breaks_Out_Of_Iterator() => Verify.VerifyAsync(
        InChatClass("""
            public async IAsyncEnumerable<string> Reply(string id, string text)
            {
                {|SG1003:await guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
                yield return text;
            }
        """),
        InChatClass("""
            public async IAsyncEnumerable<string> Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { yield break; }
                yield return text;
            }
        """));

    [Fact]
    public Task Checks_Grpc_Enum_In_Sync_Method() => Verify.VerifyAsync(
        InChatClass("""
            public string Reply(SidecarGuard.Contracts.V1.GuardService.GuardServiceClient sidecar)
            {
                {|SG1003:sidecar.EvaluateTurn(new SidecarGuard.Contracts.V1.EvaluateTurnRequest());|}
                return "ok";
            }
        """),
        InChatClass("""
            public string Reply(SidecarGuard.Contracts.V1.GuardService.GuardServiceClient sidecar)
            {
                var verdict = sidecar.EvaluateTurn(new SidecarGuard.Contracts.V1.EvaluateTurnRequest());
                if (verdict.Action == SidecarGuard.Contracts.V1.TurnAction.Ended) { return default; }
                return "ok";
            }
        """));

    [Fact]
    public Task Fix_All_Gives_Each_Verdict_Its_Own_Name() => Verify.VerifyAsync(
        InChatClass("""
            public async Task Reply(string id, string text)
            {
                {|SG1003:await guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
                {|SG1003:await guard.EvaluateTurnAsync(new TurnRequest(id, text + "!"));|}
            }

            public async Task Other(string id, string text)
            {
                {|SG1003:await guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
            }
        """),
        InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { return; }
                var verdict2 = await guard.EvaluateTurnAsync(new TurnRequest(id, text + "!"));
                if (verdict2.Action == TurnAction.Ended) { return; }
            }

            public async Task Other(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { return; }
            }
        """));

    [Fact]
    public Task Offers_No_Fix_When_Verdict_Cannot_Be_Awaited() => Verify.VerifyAsync(
        InChatClass("""
            public void Reply(string id, string text)
            {
                {|SG1003:guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
            }
        """),
        InChatClass("""
            public void Reply(string id, string text)
            {
                {|SG1003:guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
            }
        """));
}
