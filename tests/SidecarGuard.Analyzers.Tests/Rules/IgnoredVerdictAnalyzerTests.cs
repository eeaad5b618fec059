using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.IgnoredVerdictAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>SG1003: a guard verdict must reach code that can act on it.</summary>
public sealed class IgnoredVerdictAnalyzerTests
{
    [Fact]
    public Task Warns_When_Awaited_Verdict_Discarded() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                {|SG1003:await guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
            }
        """));

    [Fact]
    public Task Warns_When_Verdict_Task_Dropped() => Verify.VerifyAsync(InChatClass("""
            public void Reply(string id, string text)
            {
                {|SG1003:guard.EvaluateTurnAsync(new TurnRequest(id, text));|}
            }
        """));

    [Fact]
    public Task Warns_When_Discarded_Through_ConfigureAwait() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                {|SG1003:await guard.EvaluateTurnAsync(new TurnRequest(id, text)).ConfigureAwait(false);|}
            }
        """));

    [Fact]
    public Task Warns_When_Grpc_Response_Discarded() => Verify.VerifyAsync(InChatClass("""
            public void Reply(SidecarGuard.Contracts.V1.GuardService.GuardServiceClient sidecar)
            {
                {|SG1003:sidecar.EvaluateTurn(new SidecarGuard.Contracts.V1.EvaluateTurnRequest());|}
            }
        """));

    [Fact]
    public Task Warns_When_Custom_Guard_Result_Discarded() => Verify.VerifyAsync(InChatClass("""
            [ConversationGuard]
            private bool Check(string text) => text.Length > 0;

            public void Reply(string text)
            {
                {|SG1003:Check(text);|}
            }
        """));

    [Fact]
    public Task Quiet_When_Verdict_Captured() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { return; }
            }
        """));

    [Fact]
    public Task Quiet_When_Verdict_Explicitly_Discarded() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                _ = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
            }
        """));

    [Fact]
    public Task Quiet_When_Verdict_Returned() => Verify.VerifyAsync(InChatClass("""
            public async Task<TurnVerdict> Check(string id, string text) => await guard.EvaluateTurnAsync(new TurnRequest(id, text));
        """));

    [Fact]
    public Task Quiet_When_Guard_Returns_Nothing() => Verify.VerifyAsync(InChatClass("""
            [ConversationGuard]
            private Task EnsureAllowedAsync(string text) => Task.CompletedTask;

            public async Task Reply(string text)
            {
                await EnsureAllowedAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_Other_Guard_Members_Discarded() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id)
            {
                await guard.GetConversationAsync(id);
            }
        """));

    [Fact]
    public Task Quiet_Without_Semantic_Kernel_Or_Extensions_AI() => Verify.VerifyWithoutChatLibrariesAsync("""
        using System.Threading.Tasks;
        using SidecarGuard;

        public class Chat
        {
            public async Task Reply(IConversationGuard guard) => await guard.EvaluateTurnAsync(new TurnRequest("c", "t"));
        }
        """);
}
