namespace SidecarGuard.Analyzers.Tests.Verifiers;

/// <summary>Source snippets shared by the tests.</summary>
internal static class TestSources
{
    /// <summary>The usings every wrapped test class starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using SidecarGuard;

        """;

    /// <summary>
    /// Stand-ins for SidecarGuard types that do not exist yet and for the SK agents package, which the tests do not
    /// reference: same names and namespaces as the real ones, bodies that only need to compile.
    /// </summary>
    public const string Stubs = Usings + """
        namespace SidecarGuard.SemanticKernel
        {
            public class GuardedChatCompletionService : IChatCompletionService
            {
                public IReadOnlyDictionary<string, object> Attributes => throw new NotImplementedException();
                public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings executionSettings = null, Kernel kernel = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings executionSettings = null, Kernel kernel = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
            }

            public static class SidecarGuardKernelBuilderExtensions
            {
                public static IKernelBuilder AddSidecarGuardFilters(this IKernelBuilder builder) => builder;
            }
        }

        namespace SidecarGuard.Extensions.AI
        {
            public class GuardedChatClient : IChatClient
            {
                public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public object GetService(Type serviceType, object serviceKey = null) => null;
                public void Dispose() { }
            }

            public static class SidecarGuardChatClientExtensions
            {
                public static IChatClient UseSidecarGuard(this IChatClient inner) => new GuardedChatClient();
            }

            public static class SidecarGuardChatClientBuilderExtensions
            {
                public static ChatClientBuilder UseSidecarGuard(this ChatClientBuilder builder) => builder;
            }
        }

        namespace SidecarGuard.Contracts.V1
        {
            public enum TurnAction { Unspecified = 0, Allow = 1, Ended = 7 }
            public sealed class EvaluateTurnRequest { public string ConversationId { get; set; } }
            public sealed class EvaluateTurnResponse { public TurnAction Action { get; set; } }
            public static class GuardService
            {
                public class GuardServiceClient
                {
                    public virtual EvaluateTurnResponse EvaluateTurn(EvaluateTurnRequest request) => new EvaluateTurnResponse();
                    public virtual Task<EvaluateTurnResponse> EvaluateTurnAsync(EvaluateTurnRequest request) => Task.FromResult(new EvaluateTurnResponse());
                }
            }
        }

        namespace Microsoft.SemanticKernel.Agents
        {
            public abstract class Agent
            {
                public Kernel Kernel { get; set; }
                public abstract IAsyncEnumerable<ChatMessageContent> InvokeAsync(string message, CancellationToken cancellationToken = default);
                public abstract IAsyncEnumerable<StreamingChatMessageContent> InvokeStreamingAsync(string message, CancellationToken cancellationToken = default);
            }

            public sealed class ChatCompletionAgent : Agent
            {
                public string Name { get; set; }
                public override IAsyncEnumerable<ChatMessageContent> InvokeAsync(string message, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public override IAsyncEnumerable<StreamingChatMessageContent> InvokeStreamingAsync(string message, CancellationToken cancellationToken = default) => throw new NotImplementedException();
            }
        }

        namespace Microsoft.Agents.AI
        {
            public class AgentSession { }
            public class AgentRunOptions { }
            public class AgentResponse { }
            public class AgentResponseUpdate { }

            public abstract class AIAgent
            {
                public Task<AgentResponse> RunAsync(string message, AgentSession session = null, AgentRunOptions options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public IAsyncEnumerable<AgentResponseUpdate> RunStreamingAsync(string message, AgentSession session = null, AgentRunOptions options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
            }

            public sealed class ChatClientAgent : AIAgent
            {
                public ChatClientAgent(IChatClient chatClient, string instructions = null, string name = null) { }
            }

            // The real AsAIAgent lives in a class named Microsoft.Extensions.AI.ChatClientExtensions, which the tests'
            // real Microsoft.Extensions.AI reference already defines; the analyzer goes by the method's shape, not its class.
            public static class AgentChatClientExtensions
            {
                public static ChatClientAgent AsAIAgent(this IChatClient chatClient, string instructions = null, string name = null) => new ChatClientAgent(chatClient, instructions, name);
            }
        }
        """;

    /// <summary>Wraps members in a class that has a guard, a chat service, a chat client and a kernel at hand.</summary>
    public static string InChatClass(string members) => Usings + """

        public class Chat
        {
            private readonly IConversationGuard guard;
            private readonly IChatCompletionService chat;
            private readonly IChatClient client;
            private readonly Kernel kernel;

            public Chat(IConversationGuard guard, IChatCompletionService chat, IChatClient client, Kernel kernel)
            {
                this.guard = guard;
                this.chat = chat;
                this.client = client;
                this.kernel = kernel;
            }

        """ + members + """

        }

        """;
}
