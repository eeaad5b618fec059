using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// The chat, guard and kernel symbols of one compilation, resolved once. <see cref="IsValid"/> is false when neither
/// Semantic Kernel nor Microsoft.Extensions.AI is referenced: then no rule has anything to say.
/// </summary>
internal sealed class GuardSymbols
{
    private static readonly ImmutableHashSet<string> ChatServiceMethods =
        ImmutableHashSet.Create("GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync", "GetChatMessageContentAsync");

    private static readonly ImmutableHashSet<string> ChatClientMethods =
        ImmutableHashSet.Create("GetResponseAsync", "GetStreamingResponseAsync");

    private static readonly ImmutableHashSet<string> PromptMethods =
        ImmutableHashSet.Create("InvokePromptAsync", "InvokePromptStreamingAsync");

    private static readonly ImmutableHashSet<string> AgentMethods =
        ImmutableHashSet.Create("InvokeAsync", "InvokeStreamingAsync");

    /// <summary>What sends a turn to the model through a Microsoft Agent Framework agent (<c>AIAgent</c>).</summary>
    private static readonly ImmutableHashSet<string> AgentFrameworkRunMethods =
        ImmutableHashSet.Create("RunAsync", "RunStreamingAsync");

    /// <summary>Names SidecarGuard's client middleware starts with, as in <c>builder.UseSidecarGuard(...)</c>.</summary>
    internal const string GuardMiddlewarePrefix = "UseSidecarGuard";

    private readonly ConcurrentDictionary<(string?, string?, string?), ConfiguredMethodNames> _configurations = new();
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _requiresGuard = new(SymbolEqualityComparer.Default);
    private readonly ImmutableArray<INamedTypeSymbol> _chatSinkExtensionTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _guardedReceiverTypes;
    private readonly Lazy<ServiceRegistrations> _registrations;
    private readonly ConcurrentDictionary<(ISymbol Member, bool? Injected), bool> _guardedMembers = new(new MemberKeyComparer());
    private readonly bool? _assemblySaysInjectedGuarded;
    private readonly GuardedMembers _members;
    private readonly GuardingHelpers _helpers;

    private GuardSymbols(Compilation compilation)
    {
        _registrations = new Lazy<ServiceRegistrations>(() => ServiceRegistrations.Collect(compilation, this, CancellationToken.None));
        _members = new GuardedMembers(compilation);
        _helpers = new GuardingHelpers(compilation);
        FromKeyedServicesAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute");
        ChatClientBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientBuilder");
        var declared = compilation.GetTypeByMetadataName("SidecarGuard.InjectedChatClientsGuardedAttribute");
        var attribute = declared is null ? null : compilation.Assembly.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, declared));
        _assemblySaysInjectedGuarded = attribute is null ? null
            : attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not bool value || value;
        ChatCompletionService = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
        ChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
        Kernel = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel");
        KernelExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelExtensions");
        KernelBuilder = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.IKernelBuilder");
        Agent = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Agents.Agent");
        AIAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgent");
        ConversationGuard = compilation.GetTypeByMetadataName("SidecarGuard.IConversationGuard");
        ConversationGuardAttribute = compilation.GetTypeByMetadataName("SidecarGuard.ConversationGuardAttribute");
        RequiresConversationGuardAttribute = compilation.GetTypeByMetadataName("SidecarGuard.RequiresConversationGuardAttribute");
        GuardServiceClient = compilation.GetTypeByMetadataName("SidecarGuard.Contracts.V1.GuardService+GuardServiceClient");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");

        // Every type of each name: the Agent Framework declares a second Microsoft.Extensions.AI.ChatClientExtensions
        // (for AsAIAgent), and with two, GetTypeByMetadataName finds neither.
        _chatSinkExtensionTypes = new[]
        {
            "Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions",
            "Microsoft.SemanticKernel.ChatCompletion.ChatClientExtensions",
            "Microsoft.Extensions.AI.ChatClientExtensions",
            "Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions",
        }.SelectMany(name => compilation.GetTypesByMetadataName(name)).ToImmutableArray();

        _guardedReceiverTypes = new[]
        {
            compilation.GetTypeByMetadataName("SidecarGuard.SemanticKernel.GuardedChatCompletionService"),
            compilation.GetTypeByMetadataName("SidecarGuard.Extensions.AI.GuardedChatClient"),
        }.Where(t => t is not null).Select(t => t!).ToImmutableArray();
    }

    public bool IsValid => ChatCompletionService is not null || ChatClient is not null || Kernel is not null;

    public INamedTypeSymbol? ChatCompletionService { get; }

    public INamedTypeSymbol? ChatClient { get; }

    public INamedTypeSymbol? Kernel { get; }

    public INamedTypeSymbol? KernelExtensions { get; }

    public INamedTypeSymbol? KernelBuilder { get; }

    public INamedTypeSymbol? Agent { get; }

    /// <summary>The Microsoft Agent Framework's agent base type, when the compilation references it.</summary>
    public INamedTypeSymbol? AIAgent { get; }

    public INamedTypeSymbol? ConversationGuard { get; }

    public INamedTypeSymbol? ConversationGuardAttribute { get; }

    public INamedTypeSymbol? RequiresConversationGuardAttribute { get; }

    public INamedTypeSymbol? GuardServiceClient { get; }

    public INamedTypeSymbol? FromKeyedServicesAttribute { get; }

    public INamedTypeSymbol? ChatClientBuilder { get; }

    /// <summary><c>System.Threading.Tasks.Task</c>, looked up once per compilation (every expression statement asks).</summary>
    public INamedTypeSymbol? Task { get; }

    /// <summary><c>System.Threading.Tasks.ValueTask</c>, likewise.</summary>
    public INamedTypeSymbol? ValueTask { get; }

    public static GuardSymbols Create(Compilation compilation) => new(compilation);

    /// <summary>Calls <paramref name="start"/> once per compilation that references a chat library.</summary>
    public static void RegisterForChatCompilations(AnalysisContext context, Action<CompilationStartAnalysisContext, GuardSymbols> start) =>
        context.RegisterCompilationStartAction(compilationContext =>
        {
            var symbols = Create(compilationContext.Compilation);
            if (symbols.IsValid)
            {
                start(compilationContext, symbols);
            }
        });

    /// <summary>The sinks and guards .editorconfig adds for <paramref name="tree"/>.</summary>
    public ConfiguredMethodNames GetConfiguredNames(AnalyzerOptions options, SyntaxTree tree) =>
        ConfiguredMethodNames.For(options.AnalyzerConfigOptionsProvider, tree, _configurations);

    /// <summary>True when <paramref name="invocation"/> sends a turn to a model without going through the guard.</summary>
    public bool IsChatSink(IInvocationOperation invocation, ConfiguredMethodNames configured, GuardedLocals? guardedLocals = null)
    {
        var method = invocation.TargetMethod;
        if (configured.Sinks.Matches(method))
        {
            return true;
        }

        if (!IsKnownChatMethod(method))
        {
            return false;
        }

        return !IsGuardedReceiver(invocation, guardedLocals, configured.InjectedClientsGuarded);
    }

    /// <summary>
    /// True when a value is a guarded decorator, a client built with a SidecarGuard middleware, an injected client or
    /// kernel whose every registration in this compilation is guarded, or a field or property only ever set to such
    /// values in its type's constructors and initializers.
    /// </summary>
    /// <remarks>
    /// An Agent Framework agent made on a chat client (<c>new ChatClientAgent(client, ...)</c>,
    /// <c>client.AsAIAgent(...)</c>) runs every turn through that client, so it is guarded when the client is.
    /// </remarks>
    /// <param name="value">The value.</param>
    /// <param name="injectedClientsGuarded">What .editorconfig says of injected clients where the value is used; null: not said.</param>
    /// <param name="guardedLocal">Whether a local of the same method only holds guarded values, when that is known.</param>
    public bool IsGuardedValue(IOperation value, bool? injectedClientsGuarded, Func<ILocalSymbol, bool>? guardedLocal = null) =>
        IsGuardedValue(value, injectedClientsGuarded, GuardedMembers.MaxDepth, guardedLocal);

    internal bool IsGuardedValue(IOperation value, bool? injectedClientsGuarded, int depth, Func<ILocalSymbol, bool>? guardedLocal = null)
    {
        var current = OperationShapes.SkipConversions(value);
        if (_guardedReceiverTypes.Any(guarded => SymbolRelations.InheritsFrom(current?.Type, guarded)))
        {
            return true;
        }

        if (AIAgent is not null && depth > 0 && SymbolRelations.InheritsFrom(current?.Type, AIAgent) && AgentClient(current!) is { } agentClient)
        {
            return IsGuardedValue(agentClient, injectedClientsGuarded, depth - 1, guardedLocal);
        }

        switch (current)
        {
            case ILocalReferenceOperation local when guardedLocal is not null:
                return guardedLocal(local.Local);
            case IParameterReferenceOperation parameter:
                return IsInjectedAndGuarded(parameter.Parameter, injectedClientsGuarded);
            case IFieldReferenceOperation { Field: var field } when depth > 0:
                return _guardedMembers.GetOrAdd((field, injectedClientsGuarded), key => _members.OnlyGuarded(key.Member, this, key.Injected, depth - 1));
            case IPropertyReferenceOperation { Property: { Parameters.Length: 0 } property } when depth > 0:
                return _guardedMembers.GetOrAdd((property, injectedClientsGuarded), key => _members.OnlyGuarded(key.Member, this, key.Injected, depth - 1));
        }

        while (current is IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.Name.StartsWith(GuardMiddlewarePrefix, StringComparison.Ordinal))
            {
                return true;
            }

            current = OperationShapes.SkipConversions(OperationShapes.GetReceiver(invocation));
        }

        return false;
    }

    /// <summary>
    /// A constructor parameter the container fills (with its <c>[FromKeyedServices]</c> key) from guarded registrations
    /// only; or, when .editorconfig or <c>[assembly: InjectedChatClientsGuarded]</c> says so, any injected client.
    /// </summary>
    private bool IsInjectedAndGuarded(IParameterSymbol parameter, bool? injectedClientsGuarded)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor })
        {
            return false;
        }

        var type = parameter.Type.OriginalDefinition;
        if (!SymbolEqualityComparer.Default.Equals(type, ChatClient) && !SymbolEqualityComparer.Default.Equals(type, Kernel))
        {
            return false;
        }

        if ((injectedClientsGuarded ?? _assemblySaysInjectedGuarded) is { } declared)
        {
            return declared;
        }

        string? key = null;
        var keyed = parameter.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, FromKeyedServicesAttribute));
        if (keyed is not null)
        {
            var known = keyed.ConstructorArguments.Length == 1 && keyed.ConstructorArguments[0].Kind != TypedConstantKind.Array;
            key = ServiceRegistrations.KeyText(known, known ? keyed.ConstructorArguments[0].Value : null);
        }

        return _registrations.Value.IsGuarded(type, key);
    }

    /// <summary>
    /// True when <paramref name="method"/> evaluates the conversation guard: a known guard API, a configured guard, a
    /// <c>[ConversationGuard]</c> method, or a helper in this compilation that evaluates one on every path to its return.
    /// </summary>
    public bool IsGuard(IMethodSymbol method, ConfiguredMethodNames configured) => IsGuard(method, configured, GuardingHelpers.MaxDepth);

    /// <summary>
    /// True when <paramref name="method"/> is a guard API, a configured guard or a <c>[ConversationGuard]</c> method:
    /// what returns a verdict to act on. Guarding helpers are left out (one may return a reply, not a verdict).
    /// </summary>
    public bool IsDeclaredGuard(IMethodSymbol method, ConfiguredMethodNames configured) => IsGuard(method, configured, depth: 0);

    internal bool IsGuard(IMethodSymbol method, ConfiguredMethodNames configured, int depth)
    {
        if (configured.Guards.Matches(method))
        {
            return true;
        }

        if (GuardServiceClient is not null && method.Name is "EvaluateTurn" or "EvaluateTurnAsync"
            && SymbolRelations.InheritsFrom(method.ContainingType, GuardServiceClient))
        {
            return true;
        }

        return SymbolRelations.HasAttribute(method, ConversationGuardAttribute, followImplementations: true)
            || _helpers.IsGuardingHelper(method, this, configured, depth);
    }

    /// <summary>True when <paramref name="method"/> is marked [RequiresConversationGuard].</summary>
    public bool RequiresGuard(IMethodSymbol method) =>
        _requiresGuard.GetOrAdd(method, m => SymbolRelations.HasAttribute(m, RequiresConversationGuardAttribute, followImplementations: true));

    private bool IsKnownChatMethod(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (ChatServiceMethods.Contains(method.Name) && SymbolRelations.ImplementsMemberOf(method, ChatCompletionService))
        {
            return true;
        }

        if (ChatClientMethods.Contains(method.Name) && SymbolRelations.ImplementsMemberOf(method, ChatClient))
        {
            return true;
        }

        if (PromptMethods.Contains(method.Name) && SymbolEqualityComparer.Default.Equals(type, KernelExtensions))
        {
            return true;
        }

        if (AgentMethods.Contains(method.Name) && Agent is not null && SymbolRelations.InheritsFrom(type, Agent))
        {
            return true;
        }

        if (AgentFrameworkRunMethods.Contains(method.Name) && AIAgent is not null && SymbolRelations.InheritsFrom(type, AIAgent))
        {
            return true;
        }

        return method.IsExtensionMethod && (ChatServiceMethods.Contains(method.Name) || ChatClientMethods.Contains(method.Name))
            && _chatSinkExtensionTypes.Contains(type.OriginalDefinition, SymbolEqualityComparer.Default);
    }

    private bool IsGuardedReceiver(IInvocationOperation invocation, GuardedLocals? guardedLocals, bool? injectedClientsGuarded)
    {
        var receiver = OperationShapes.SkipConversions(OperationShapes.GetReceiver(invocation));
        if (receiver is ILocalReferenceOperation local && guardedLocals?.IsGuarded(local.Local) == true)
        {
            return true;
        }

        return receiver is not null && IsGuardedValue(receiver, injectedClientsGuarded, guardedLocals is null ? null : guardedLocals.IsGuarded);
    }

    /// <summary>
    /// The chat client an agent is made on: the <c>IChatClient</c> argument of a constructor of an <c>AIAgent</c>
    /// type, or the client an extension such as <c>AsAIAgent</c> is called on. Null for any other agent value.
    /// </summary>
    private IOperation? AgentClient(IOperation agent)
    {
        var arguments = agent switch
        {
            IObjectCreationOperation creation => creation.Arguments,
            IInvocationOperation { TargetMethod.IsExtensionMethod: true } factory => factory.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        return arguments.FirstOrDefault(a => a.Parameter is { } parameter
            && SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, ChatClient))?.Value;
    }

    private sealed class MemberKeyComparer : IEqualityComparer<(ISymbol Member, bool? Injected)>
    {
        public bool Equals((ISymbol Member, bool? Injected) x, (ISymbol Member, bool? Injected) y) =>
            SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && x.Injected == y.Injected;

        public int GetHashCode((ISymbol Member, bool? Injected) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Member) * 397) ^ obj.Injected.GetHashCode();
    }
}
