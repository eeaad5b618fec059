using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.UnguardedChatCallAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>SG1004: [RequiresConversationGuard] moves the obligation to every caller.</summary>
public sealed class RequiresConversationGuardTests
{
    private const string Responder = """
            [RequiresConversationGuard]
            public Task<ChatResponse> Send(string text) => client.GetResponseAsync(text);
        """;

    [Fact]
    public Task Warns_When_Requiring_Method_Called_Without_Guard() => Verify.VerifyAsync(InChatClass(Responder + """

            public Task Reply(string text) => {|SG1004:Send(text)|};
        """));

    [Fact]
    public Task Warns_When_Requiring_Constructor_Called_Without_Guard() => Verify.VerifyAsync(InChatClass("""
            public object Start() => {|SG1004:new Session()|};
        }

        public sealed class Session
        {
            [RequiresConversationGuard]
            public Session() { }
        """));

    [Fact]
    public Task Warns_When_Override_Of_Requiring_Method_Called_Without_Guard() => Verify.VerifyAsync(InChatClass("""
            public Task Reply(LoudResponder responder) => {|SG1004:responder.Send("hi")|};
        }

        public class BaseResponder
        {
            [RequiresConversationGuard]
            public virtual Task Send(string text) => Task.CompletedTask;
        }

        public sealed class LoudResponder : BaseResponder
        {
            public override Task Send(string text) => Task.CompletedTask;
        """));

    [Fact]
    public Task Warns_When_Only_Some_Paths_Guard_Requiring_Call() => Verify.VerifyAsync(InChatClass(Responder + """

            public async Task Reply(bool check, string id, string text)
            {
                if (check)
                {
                    await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                }

                await {|SG1004:Send(text)|};
            }
        """));

    [Fact]
    public Task Quiet_When_Requiring_Method_Called_After_Guard() => Verify.VerifyAsync(InChatClass(Responder + """

            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { return; }
                await Send(text);
            }
        """));

    [Fact]
    public Task Quiet_When_Requiring_Method_Calls_Another() => Verify.VerifyAsync(InChatClass(Responder + """

            [RequiresConversationGuard]
            public Task Relay(string text) => Send(text);
        """));

    [Fact]
    public Task Quiet_Inside_Requiring_Expression_Bodied_Member() => Verify.VerifyAsync(InChatClass("""
            [RequiresConversationGuard]
            public IAsyncEnumerable<ChatResponseUpdate> Stream(string text) => client.GetStreamingResponseAsync(text);
        """));
}
