using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<SidecarGuard.Analyzers.Rules.UnguardedChatCallAnalyzer, SidecarGuard.Analyzers.CodeFixes.GuardChatCallCodeFix>;

namespace SidecarGuard.Analyzers.Tests.CodeFixes;

public sealed class GuardChatCallCodeFixTests
{
    private const string InsertGuard = "SG1001.InsertGuard";
    private const string RequireGuard = "SG1001.RequireGuard";

    [Fact]
    public Task Inserts_Guard_With_Values_In_Scope() => Verify.VerifyAsync(
        InChatClass("""
            public async Task Reply(string conversationId, string userText, CancellationToken cancellationToken)
            {
                await {|SG1001:client.GetResponseAsync(userText, cancellationToken: cancellationToken)|};
            }
        """),
        InChatClass("""
            public async Task Reply(string conversationId, string userText, CancellationToken cancellationToken)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(conversationId, userText), cancellationToken);
                if (verdict.Action == TurnAction.Ended) { return; }
                await client.GetResponseAsync(userText, cancellationToken: cancellationToken);
            }
        """),
        InsertGuard);

    [Fact]
    public Task Inserts_Guard_From_Parameter_With_Placeholders_And_Default_Return() => Verify.VerifyAsync(
        Usings + """
        public static class Replies
        {
            public static async Task<ChatResponse> Reply(IConversationGuard moderator, IChatClient chatClient, List<ChatMessage> history)
            {
                return await {|SG1001:chatClient.GetResponseAsync(history)|};
            }
        }
        """,
        Usings + """
        public static class Replies
        {
            public static async Task<ChatResponse> Reply(IConversationGuard moderator, IChatClient chatClient, List<ChatMessage> history)
            {
                var verdict = await moderator.EvaluateTurnAsync(new TurnRequest("<conversation id>", "<user text>"));
                if (verdict.Action == TurnAction.Ended) { return default; }
                return await chatClient.GetResponseAsync(history);
            }
        }
        """,
        InsertGuard);

    [Fact]
    public Task Fix_All_Inserts_One_Guard_Per_Function() => Verify.VerifyAsync(
        InChatClass("""
            public async Task Reply(string conversationId, string text, bool stream)
            {
                if (stream)
                {
                    await foreach (var update in {|SG1001:client.GetStreamingResponseAsync(text)|}) { }
                }
                else
                {
                    await {|SG1001:kernel.InvokePromptAsync(text)|};
                }
            }
        """),
        InChatClass("""
            public async Task Reply(string conversationId, string text, bool stream)
            {
                if (stream)
                {
                    var verdict = await guard.EvaluateTurnAsync(new TurnRequest(conversationId, text));
                    if (verdict.Action == TurnAction.Ended) { return; }
                    await foreach (var update in client.GetStreamingResponseAsync(text)) { }
                }
                else
                {
                    var verdict2 = await guard.EvaluateTurnAsync(new TurnRequest(conversationId, text));
                    if (verdict2.Action == TurnAction.Ended) { return; }
                    await kernel.InvokePromptAsync(text);
                }
            }
        """),
        InsertGuard,
        fixAllSource: InChatClass("""
            public async Task Reply(string conversationId, string text, bool stream)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(conversationId, text));
                if (verdict.Action == TurnAction.Ended) { return; }
                if (stream)
                {
                    await foreach (var update in client.GetStreamingResponseAsync(text)) { }
                }
                else
                {
                    await kernel.InvokePromptAsync(text);
                }
            }
        """));

    [Fact]
    public Task Marks_Method_As_Requiring_Guard() => Verify.VerifyAsync(
        InChatClass("""
            /// <summary>Sends the text.</summary>
            public Task<ChatResponse> Send(string text) => {|SG1001:client.GetResponseAsync(text)|};
        """),
        InChatClass("""
            /// <summary>Sends the text.</summary>
            [RequiresConversationGuard]
            public Task<ChatResponse> Send(string text) => client.GetResponseAsync(text);
        """),
        RequireGuard);

    [Fact]
    public Task Fix_All_Marks_Each_Method_Once() => Verify.VerifyAsync(
        InChatClass("""
            public async Task Send(string text)
            {
                await {|SG1001:client.GetResponseAsync(text)|};
                await {|SG1001:kernel.InvokePromptAsync(text)|};
            }

            public Task Stream(string text) => {|SG1001:kernel.InvokePromptAsync(text)|};
        """),
        InChatClass("""
            [RequiresConversationGuard]
            public async Task Send(string text)
            {
                await client.GetResponseAsync(text);
                await kernel.InvokePromptAsync(text);
            }

            [RequiresConversationGuard]
            public Task Stream(string text) => kernel.InvokePromptAsync(text);
        """),
        RequireGuard);

    [Fact]
    public Task Guards_Call_To_Method_Requiring_Guard() => Verify.VerifyAsync(
        InChatClass("""
            [RequiresConversationGuard]
            public Task<ChatResponse> Send(string text) => client.GetResponseAsync(text);

            public async Task Reply(string conversationId, string message)
            {
                await {|SG1004:Send(message)|};
            }
        """),
        InChatClass("""
            [RequiresConversationGuard]
            public Task<ChatResponse> Send(string text) => client.GetResponseAsync(text);

            public async Task Reply(string conversationId, string message)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(conversationId, message));
                if (verdict.Action == TurnAction.Ended) { return; }
                await Send(message);
            }
        """),
        InsertGuard);
}
