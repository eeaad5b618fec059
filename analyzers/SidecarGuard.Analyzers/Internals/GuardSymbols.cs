using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
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

    /// <summary>Names SidecarGuard's client middleware starts with, as in <c>builder.UseSidecarGuard(...)</c>.</summary>
    private const string GuardMiddlewarePrefix = "UseSidecarGuard";

    private readonly ConcurrentDictionary<(string?, string?), ConfiguredMethodNames> _configurations = new();
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _requiresGuard = new(SymbolEqualityComparer.Default);
    private readonly ImmutableArray<INamedTypeSymbol> _chatSinkExtensionTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _guardedReceiverTypes;

    private GuardSymbols(Compilation compilation)
    {
        ChatCompletionService = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
        ChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
        Kernel = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel");
        KernelExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelExtensions");
        KernelBuilder = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.IKernelBuilder");
        Agent = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Agents.Agent");
        ConversationGuard = compilation.GetTypeByMetadataName("SidecarGuard.IConversationGuard");
        ConversationGuardAttribute = compilation.GetTypeByMetadataName("SidecarGuard.ConversationGuardAttribute");
        RequiresConversationGuardAttribute = compilation.GetTypeByMetadataName("SidecarGuard.RequiresConversationGuardAttribute");
        GuardServiceClient = compilation.GetTypeByMetadataName("SidecarGuard.Contracts.V1.GuardService+GuardServiceClient");

        _chatSinkExtensionTypes = new[]
        {
            compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions"),
            compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.ChatClientExtensions"),
            compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientExtensions"),
            compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions"),
        }.Where(t => t is not null).Select(t => t!).ToImmutableArray();

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

    public INamedTypeSymbol? ConversationGuard { get; }

    public INamedTypeSymbol? ConversationGuardAttribute { get; }

    public INamedTypeSymbol? RequiresConversationGuardAttribute { get; }

    public INamedTypeSymbol? GuardServiceClient { get; }

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

        return !IsGuardedReceiver(invocation, guardedLocals);
    }

    /// <summary>True when a value is a guarded decorator, or a client built with a SidecarGuard middleware.</summary>
    public bool IsGuardedValue(IOperation value)
    {
        var current = SkipConversions(value);
        if (_guardedReceiverTypes.Any(guarded => InheritsFrom(current?.Type, guarded)))
        {
            return true;
        }

        while (current is IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.Name.StartsWith(GuardMiddlewarePrefix, StringComparison.Ordinal))
            {
                return true;
            }

            current = SkipConversions(GetReceiver(invocation));
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> evaluates the conversation guard.</summary>
    public bool IsGuard(IMethodSymbol method, ConfiguredMethodNames configured)
    {
        if (configured.Guards.Matches(method))
        {
            return true;
        }

        if (GuardServiceClient is not null && method.Name is "EvaluateTurn" or "EvaluateTurnAsync"
            && InheritsFrom(method.ContainingType, GuardServiceClient))
        {
            return true;
        }

        return HasAttribute(method, ConversationGuardAttribute, followImplementations: true);
    }

    /// <summary>True when <paramref name="method"/> is marked [RequiresConversationGuard].</summary>
    public bool RequiresGuard(IMethodSymbol method) =>
        _requiresGuard.GetOrAdd(method, m => HasAttribute(m, RequiresConversationGuardAttribute, followImplementations: true));

    /// <summary>True when <paramref name="type"/> is or derives from <paramref name="baseType"/>.</summary>
    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is, derives from or implements <paramref name="baseType"/>.</summary>
    public static bool IsAssignableTo(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (type is null || baseType is null)
        {
            return false;
        }

        return InheritsFrom(type, baseType)
            || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, baseType));
    }

    /// <summary>The object a call acts on: its instance, or the first argument of an extension method.</summary>
    public static IOperation? GetReceiver(IInvocationOperation invocation)
    {
        if (invocation.Instance is not null)
        {
            return invocation.Instance;
        }

        if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
        {
            var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0) ?? invocation.Arguments[0];
            return first.Value;
        }

        return null;
    }

    /// <summary>Strips the implicit conversions the compiler adds around a value.</summary>
    public static IOperation? SkipConversions(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private bool IsKnownChatMethod(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (ChatServiceMethods.Contains(method.Name) && ImplementsMemberOf(method, ChatCompletionService))
        {
            return true;
        }

        if (ChatClientMethods.Contains(method.Name) && ImplementsMemberOf(method, ChatClient))
        {
            return true;
        }

        if (PromptMethods.Contains(method.Name) && SymbolEqualityComparer.Default.Equals(type, KernelExtensions))
        {
            return true;
        }

        if (AgentMethods.Contains(method.Name) && Agent is not null && InheritsFrom(type, Agent))
        {
            return true;
        }

        return method.IsExtensionMethod && (ChatServiceMethods.Contains(method.Name) || ChatClientMethods.Contains(method.Name))
            && _chatSinkExtensionTypes.Contains(type.OriginalDefinition, SymbolEqualityComparer.Default);
    }

    private bool IsGuardedReceiver(IInvocationOperation invocation, GuardedLocals? guardedLocals)
    {
        var receiver = SkipConversions(GetReceiver(invocation));
        if (receiver is ILocalReferenceOperation local && guardedLocals?.IsGuarded(local.Local) == true)
        {
            return true;
        }

        return _guardedReceiverTypes.Any(guarded => InheritsFrom(receiver?.Type, guarded));
    }

    /// <summary>True when <paramref name="method"/> is a member of <paramref name="contract"/> or implements one.</summary>
    private static bool ImplementsMemberOf(IMethodSymbol method, INamedTypeSymbol? contract)
    {
        if (contract is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, contract))
        {
            return true;
        }

        if (!method.ContainingType.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default))
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        foreach (var member in contract.GetMembers(method.Name))
        {
            var implementation = method.ContainingType.FindImplementationForInterfaceMember(member);
            for (var candidate = definition; candidate is not null; candidate = candidate.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, candidate.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol? attribute, bool followImplementations)
    {
        if (attribute is null)
        {
            return false;
        }

        for (var candidate = method.OriginalDefinition; candidate is not null; candidate = candidate.OverriddenMethod)
        {
            if (candidate.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
            {
                return true;
            }
        }

        if (!followImplementations || method.ContainingType is null)
        {
            return false;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (HasAttribute(implemented, attribute, followImplementations: false))
            {
                return true;
            }
        }

        foreach (var iface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in iface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                var implementation = method.ContainingType.FindImplementationForInterfaceMember(member);
                if (SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, method.OriginalDefinition)
                    && HasAttribute(member, attribute, followImplementations: false))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
