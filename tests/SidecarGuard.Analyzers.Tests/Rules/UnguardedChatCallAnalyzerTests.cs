using static SidecarGuard.Analyzers.Tests.Verifiers.TestSources;
using Verify = SidecarGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<SidecarGuard.Analyzers.Rules.UnguardedChatCallAnalyzer>;

namespace SidecarGuard.Analyzers.Tests.Rules;

/// <summary>SG1001: path-sensitive guard checks. "Warns" cases must report, "Quiet" cases must not.</summary>
public sealed class UnguardedChatCallAnalyzerTests
{
    [Fact]
    public Task Warns_When_Chat_Service_Called_Without_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(ChatHistory history)
            {
                await {|SG1001:chat.GetChatMessageContentsAsync(history)|};
            }
        """));

    [Fact]
    public Task Warns_When_Guard_Runs_On_One_Branch_Only() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(bool strict, string id, string text)
            {
                if (strict)
                {
                    await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                }

                await {|SG1001:client.GetResponseAsync(text)|};
            }
        """));

    [Fact]
    public Task Warns_When_Early_Return_Path_Skips_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task<ChatResponse> Reply(bool cached, string id, string text)
            {
                if (cached)
                {
                    return await {|SG1001:client.GetResponseAsync(text)|};
                }

                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                return verdict.Action == TurnAction.Ended ? null : await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Warns_When_Guard_Follows_Call_In_Loop() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string[] texts)
            {
                foreach (var text in texts)
                {
                    await {|SG1001:client.GetResponseAsync(text)|};
                    await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                }
            }
        """));

    [Fact]
    public Task Warns_In_Catch_When_Guard_Is_Inside_Try() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                try
                {
                    await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                }
                catch (InvalidOperationException)
                {
                    await {|SG1001:client.GetResponseAsync("fallback")|};
                }
            }
        """));

    [Fact]
    public Task Warns_In_Finally_When_Guard_Is_Inside_Try() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                try
                {
                    await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                }
                finally
                {
                    await {|SG1001:client.GetResponseAsync("bye")|};
                }
            }
        """));

    [Fact]
    public Task Warns_In_Lambda_Even_When_Outer_Method_Guarded() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                Func<Task<ChatResponse>> later = () => {|SG1001:client.GetResponseAsync(text)|};
                await later();
            }
        """));

    [Fact]
    public Task Warns_In_Local_Function_Without_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                await Ask();

                Task<ChatResponse> Ask() => {|SG1001:client.GetResponseAsync(text)|};
            }
        """));

    [Fact]
    public Task Warns_In_Expression_Bodied_Member() => Verify.VerifyAsync(InChatClass("""
            public Task<ChatResponse> Ask(string text) => {|SG1001:client.GetResponseAsync(text)|};
        """));

    [Fact]
    public Task Warns_In_Switch_Expression_Arm() => Verify.VerifyAsync(InChatClass("""
            public Task<ChatResponse> Ask(int mode, string text) => mode switch
            {
                0 => Task.FromResult(new ChatResponse()),
                _ => {|SG1001:client.GetResponseAsync(text)|},
            };
        """));

    [Fact]
    public Task Warns_On_Kernel_InvokePromptAsync() => Verify.VerifyAsync(InChatClass("""
            public async Task<string> Ask(string text)
            {
                var result = await {|SG1001:kernel.InvokePromptAsync(text)|};
                return result.ToString();
            }
        """));

    [Fact]
    public Task Warns_On_Kernel_InvokePromptStreamingAsync() => Verify.VerifyAsync(InChatClass("""
            public async Task Stream(string text)
            {
                await foreach (var update in {|SG1001:kernel.InvokePromptStreamingAsync(text)|})
                {
                    Console.Write(update);
                }
            }
        """));

    [Fact]
    public Task Warns_On_Chat_Client_Streaming() => Verify.VerifyAsync(InChatClass("""
            public async Task Stream(List<ChatMessage> messages)
            {
                await foreach (var update in {|SG1001:client.GetStreamingResponseAsync(messages)|})
                {
                    Console.Write(update.Text);
                }
            }
        """));

    [Fact]
    public Task Warns_On_Chat_Service_Extension_Overload() => Verify.VerifyAsync(InChatClass("""
            public async Task<string> Ask(string prompt)
            {
                var message = await {|SG1001:chat.GetChatMessageContentAsync(prompt)|};
                return message.Content;
            }
        """));

    [Fact]
    public Task Warns_On_Agent_Invocation() => Verify.VerifyAsync(InChatClass("""
            public async Task Ask(Microsoft.SemanticKernel.Agents.ChatCompletionAgent agent, string text)
            {
                await foreach (var message in {|SG1001:agent.InvokeAsync(text)|})
                {
                    Console.WriteLine(message.Content);
                }
            }
        """));

    [Fact]
    public Task Warns_On_Implementation_Of_Chat_Service() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(MyChatService service, ChatHistory history)
            {
                await {|SG1001:service.GetChatMessageContentsAsync(history)|};
            }
        }

        public sealed class MyChatService : IChatCompletionService
        {
            public IReadOnlyDictionary<string, object> Attributes => null;
            public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings executionSettings = null, Kernel kernel = null, CancellationToken cancellationToken = default) => null;
            public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings executionSettings = null, Kernel kernel = null, CancellationToken cancellationToken = default) => null;
        """));

    [Fact]
    public Task Warns_On_Configured_Additional_Sink() => Verify.VerifyAsync(
        InChatClass("""
            public Task Reply(Legacy.Bot bot, string text) => {|SG1001:bot.Send(text)|};
        """) + """
        namespace Legacy
        {
            public sealed class Bot { public System.Threading.Tasks.Task Send(string text) => System.Threading.Tasks.Task.CompletedTask; }
        }
        """,
        "dotnet_code_quality.SG1001.additional_sinks = Legacy.Bot.Send\n");

    [Fact]
    public Task Warns_In_Using_Block_Without_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(IDisposable scope, string text)
            {
                using (scope)
                {
                    await {|SG1001:client.GetResponseAsync(text)|};
                }
            }
        """));

    [Fact]
    public Task Warns_On_Each_Unguarded_Call() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string text)
            {
                await {|SG1001:client.GetResponseAsync(text)|};
                await {|SG1001:kernel.InvokePromptAsync(text)|};
            }
        """));

    [Fact]
    public Task Warns_When_Guard_Only_In_While_Body() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text, int retries)
            {
                while (retries-- > 0)
                {
                    await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                }

                await {|SG1001:client.GetResponseAsync(text)|};
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_Evaluated_First() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text, ChatHistory history)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                if (verdict.Action == TurnAction.Ended) { return; }
                await chat.GetChatMessageContentsAsync(history);
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_On_Both_Branches() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(bool strict, string id, string text)
            {
                TurnVerdict verdict;
                if (strict)
                {
                    verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                }
                else
                {
                    verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text.Trim()));
                }

                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_Precedes_Loop() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string[] texts)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, string.Join(" ", texts)));
                for (var i = 0; i < texts.Length; i++)
                {
                    await client.GetResponseAsync(texts[i]);
                }
            }
        """));

    [Fact]
    public Task Quiet_In_Catch_When_Guard_Precedes_Try() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                try
                {
                    await client.GetResponseAsync(text);
                }
                catch (InvalidOperationException) when (text.Length > 0)
                {
                    await client.GetResponseAsync("retry");
                }
                finally
                {
                    await client.GetResponseAsync("done");
                }
            }
        """));

    [Fact]
    public Task Quiet_When_Lambda_Guards_Itself() => Verify.VerifyAsync(InChatClass("""
            public Func<string, Task<ChatResponse>> Handler(string id) => async text =>
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                return verdict.Action == TurnAction.Ended ? null : await client.GetResponseAsync(text);
            };
        """));

    [Fact]
    public Task Quiet_When_Local_Function_Guards_Itself() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                await Ask();

                async Task Ask()
                {
                    var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                    await client.GetResponseAsync(text);
                }
            }
        """));

    [Fact]
    public Task Quiet_On_Guarded_Chat_Completion_Service() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(SidecarGuard.SemanticKernel.GuardedChatCompletionService guarded, ChatHistory history)
            {
                await guarded.GetChatMessageContentsAsync(history);
                await guarded.GetChatMessageContentAsync("hello");
            }
        """));

    [Fact]
    public Task Quiet_On_Guarded_Chat_Client() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(SidecarGuard.Extensions.AI.GuardedChatClient guarded, string text)
            {
                await guarded.GetResponseAsync(text);
                await foreach (var update in guarded.GetStreamingResponseAsync(text)) { }
            }
        """));

    [Fact]
    public Task Quiet_After_Grpc_Client_Async_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(SidecarGuard.Contracts.V1.GuardService.GuardServiceClient sidecar, string text)
            {
                var response = await sidecar.EvaluateTurnAsync(new SidecarGuard.Contracts.V1.EvaluateTurnRequest());
                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_After_Grpc_Client_Blocking_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(SidecarGuard.Contracts.V1.GuardService.GuardServiceClient sidecar, string text)
            {
                var response = sidecar.EvaluateTurn(new SidecarGuard.Contracts.V1.EvaluateTurnRequest());
                await kernel.InvokePromptAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_After_Method_Marked_ConversationGuard() => Verify.VerifyAsync(InChatClass("""
            [ConversationGuard]
            private Task<bool> CheckAsync(string text) => Task.FromResult(text.Length > 0);

            public async Task Reply(string text)
            {
                if (!await CheckAsync(text)) { return; }
                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_After_Guard_Implementation_Called_Directly() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(MyGuard mine, string id, string text)
            {
                var verdict = await mine.EvaluateTurnAsync(new TurnRequest(id, text));
                await client.GetResponseAsync(text);
            }
        }

        public abstract class MyGuard : IConversationGuard
        {
            public abstract ValueTask<TurnVerdict> EvaluateTurnAsync(TurnRequest request, CancellationToken cancellationToken = default);
            public abstract ValueTask<EndOutcome> EndConversationAsync(string conversationId, EndReason reason, string requestId = null, CancellationToken cancellationToken = default);
            public abstract ValueTask<ConversationView> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default);
            public abstract ValueTask<ConversationSnapshot> BranchConversationAsync(string conversationId, int turnIndex, string newConversationId = null, CancellationToken cancellationToken = default);
            public abstract ValueTask<FeedbackOutcome> SubmitFeedbackAsync(FeedbackRequest request, CancellationToken cancellationToken = default);
        """));

    [Fact]
    public Task Quiet_Inside_Method_That_Requires_Guard() => Verify.VerifyAsync(InChatClass("""
            [RequiresConversationGuard]
            public async Task<ChatResponse> Send(string text)
            {
                Func<Task> warmUp = () => kernel.InvokePromptAsync("warm up");
                await warmUp();
                return await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_After_Configured_Additional_Guard() => Verify.VerifyAsync(
        InChatClass("""
            public async Task Reply(Legacy.Moderator moderator, string text)
            {
                if (!moderator.Approve(text)) { return; }
                await client.GetResponseAsync(text);
            }
        """) + """
        namespace Legacy
        {
            public sealed class Moderator { public bool Approve(string text) => true; }
        }
        """,
        "dotnet_code_quality.SG1001.additional_guards = Legacy.Moderator.Approve\n");

    [Fact]
    public Task Quiet_When_Early_Return_Precedes_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                if (string.IsNullOrEmpty(text)) { return; }
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_In_Every_Switch_Section() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(int mode, string id, string text)
            {
                switch (mode)
                {
                    case 0:
                        await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                        break;
                    default:
                        await guard.EvaluateTurnAsync(new TurnRequest(id, text.ToUpperInvariant()));
                        break;
                }

                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_In_Both_Arms_Of_Conditional() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(bool quick, string id, string text)
            {
                var verdict = quick
                    ? await guard.EvaluateTurnAsync(new TurnRequest(id, text))
                    : await guard.EvaluateTurnAsync(new TurnRequest(id, text.Trim()));
                await client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_Runs_Inside_Using() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(IDisposable scope, string id, string text)
            {
                using (scope)
                {
                    var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                    await foreach (var update in client.GetStreamingResponseAsync(text)) { }
                }
            }
        """));

    [Fact]
    public Task Quiet_On_Unrelated_Method_With_Chat_Name() => Verify.VerifyAsync(InChatClass("""
            public Task Reply(Other other) => other.GetResponseAsync("hi");
        }

        public sealed class Other
        {
            public Task GetResponseAsync(string text) => Task.CompletedTask;
        """));

    [Fact]
    public Task Quiet_On_Kernel_Calls_That_Are_Not_Chat() => Verify.VerifyAsync(InChatClass("""
            public IChatCompletionService Service() => kernel.GetRequiredService<IChatCompletionService>();
        """));

    [Fact]
    public Task Quiet_On_Unreachable_Call() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string text)
            {
                throw new NotSupportedException();
        #pragma warning disable CS0162
                await client.GetResponseAsync(text);
        #pragma warning restore CS0162
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_Is_Argument_Of_The_Call() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                await client.GetResponseAsync((await guard.EvaluateTurnAsync(new TurnRequest(id, text))).Guidance + text);
            }
        """));

    [Fact]
    public Task Warns_On_Null_Conditional_Call() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(IChatClient maybe, string text)
            {
                var response = await (maybe?{|SG1001:.GetResponseAsync(text)|} ?? Task.FromResult<ChatResponse>(null));
            }
        """));

    [Fact]
    public Task Warns_In_Constructor() => Verify.VerifyAsync(Usings + """
        public class Warmup
        {
            public Warmup(IChatClient client) => _ = {|SG1001:client.GetResponseAsync("warm up")|};
        }
        """);

    [Fact]
    public Task Warns_In_Property_Getter() => Verify.VerifyAsync(InChatClass("""
            public Task<ChatResponse> Greeting => {|SG1001:client.GetResponseAsync("hello")|};
        """));

    [Fact]
    public Task Quiet_In_Local_Function_That_Requires_Guard() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                await Send();

                [RequiresConversationGuard]
                Task<ChatResponse> Send() => client.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_In_Generated_Code() => Verify.VerifyAsync("""
        // <auto-generated/>
        """ + "\n" + InChatClass("""
            public Task<ChatResponse> Ask(string text) => client.GetResponseAsync(text);
        """));

    [Fact]
    public Task Quiet_After_Guard_Awaited_With_ConfigureAwait() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text)).ConfigureAwait(false);
                await client.GetResponseAsync(text).ConfigureAwait(false);
            }
        """));

    [Fact]
    public Task Quiet_When_Guard_Precedes_Await_Using() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(IAsyncDisposable scope, string id, string text)
            {
                var verdict = await guard.EvaluateTurnAsync(new TurnRequest(id, text));
                await using (scope)
                {
                    await client.GetResponseAsync(text);
                }
            }
        """));

    [Fact]
    public Task Quiet_When_Local_Holds_Guarded_Decorator() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string text)
            {
                IChatClient guarded = new SidecarGuard.Extensions.AI.GuardedChatClient();
                await guarded.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Quiet_When_Local_Built_With_Guard_Middleware() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(string text)
            {
                using var guarded = SidecarGuard.Extensions.AI.SidecarGuardChatClientExtensions.UseSidecarGuard(client);
                await guarded.GetResponseAsync(text);
            }
        """));

    [Fact]
    public Task Warns_When_Local_May_Hold_Unguarded_Client() => Verify.VerifyAsync(InChatClass("""
            public async Task Reply(bool raw, string text)
            {
                IChatClient target = new SidecarGuard.Extensions.AI.GuardedChatClient();
                if (raw)
                {
                    target = client;
                }

                await {|SG1001:target.GetResponseAsync(text)|};
            }
        """));

    [Fact]
    public Task Quiet_Without_Semantic_Kernel_Or_Extensions_AI() => Verify.VerifyWithoutChatLibrariesAsync("""
        using System.Threading.Tasks;
        using SidecarGuard;

        public class Chat
        {
            [RequiresConversationGuard]
            public Task Send(string text) => Task.CompletedTask;

            public Task Reply(string text) => Send(text);
        }
        """);
}
