using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using IgnoredVerdict = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.IgnoredVerdictAnalyzer>;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.UnguardedChatCallAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>SG1001 and helpers: a method that evaluates the guard on every path to its return guards its call sites.</summary>
public sealed class GuardingHelperTests
{
    [Fact]
    public Task Quiet_After_A_Helper_That_Returns_Whether_The_Turn_May_Be_Answered() => Verify.VerifyAsync(InChatClass("""
            private async Task<bool> MayAnswerAsync(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                return verdict.Action != TurnAction.Ended;
            }

            public async Task Reply(string id, string text)
            {
                if (!await MayAnswerAsync(id, text))
                {
                    return;
                }

                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_After_A_Helper_That_Throws_On_An_Ended_Conversation_Through_Another_Helper() => Verify.VerifyAsync(InChatClass("""
            private Task<TurnVerdict> JudgeAsync(string id, string text) => guard.EvaluateTurnAsync(new TurnRequest(id, text)).AsTask();

            private async Task EnsureOpenAsync(string id, string text)
            {
                var verdict = await JudgeAsync(id, text);
                if (verdict.Action == TurnAction.Ended)
                {
                    throw new InvalidOperationException("ended");
                }
            }

            public async Task Reply(string id, string text)
            {
                await EnsureOpenAsync(id, text);
                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Warns_After_A_Helper_That_Evaluates_On_Some_Paths_Only() => Verify.VerifyAsync(InChatClass("""
            private async Task<bool> MayAnswerAsync(bool cached, string id, string text)
            {
                if (cached)
                {
                    return true;
                }

                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                return verdict.Action != TurnAction.Ended;
            }

            public async Task Reply(bool cached, string id, string text)
            {
                if (!await MayAnswerAsync(cached, id, text))
                {
                    return;
                }

                await {|SG1001:client.GetResponseAsync(text)|};
            }
        """));

    [Fact]
    public Task Warns_When_The_Helper_Runs_Only_On_One_Branch_Of_The_Caller() => Verify.VerifyAsync(InChatClass("""
            private async Task<bool> MayAnswerAsync(string id, string text) =>
                (await guard.EvaluateTurnAsync(new TurnRequest(id, text))).Action != TurnAction.Ended;

            public async Task Reply(bool strict, string id, string text)
            {
                if (strict && !await MayAnswerAsync(id, text))
                {
                    return;
                }

                await {|SG1001:client.GetResponseAsync(text)|};
            }
        """));

    [Fact]
    public Task A_Helper_That_Guards_And_Replies_Is_Not_A_Verdict_To_Check() => IgnoredVerdict.VerifyAsync(InChatClass("""
            private async Task<ChatResponse> ReplyAsync(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                return verdict.Action == TurnAction.Ended ? null : await client.GetResponseAsync(text);
            }

            public async Task Run(string id, string text)
            {
                await ReplyAsync(id, text);
            }
        """));
}
