using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// What a project says in .editorconfig: extra sinks and guards (<c>dotnet_code_quality.SG1001.additional_sinks</c>,
/// <c>dotnet_code_quality.SG1001.additional_guards</c>) and whether injected clients are guarded
/// (<c>dotnet_code_quality.SG1001.injected_clients = guarded | unguarded | registrations</c>).
/// </summary>
internal sealed class ConfiguredMethodNames
{
    public const string SinksKey = "dotnet_code_quality.SG1001.additional_sinks";
    public const string GuardsKey = "dotnet_code_quality.SG1001.additional_guards";
    public const string InjectedClientsKey = "dotnet_code_quality.SG1001.injected_clients";

    public static readonly ConfiguredMethodNames None = new(MethodNameList.Empty, MethodNameList.Empty, null);

    private ConfiguredMethodNames(MethodNameList sinks, MethodNameList guards, bool? injectedClientsGuarded)
    {
        Sinks = sinks;
        Guards = guards;
        InjectedClientsGuarded = injectedClientsGuarded;
    }

    public MethodNameList Sinks { get; }

    public MethodNameList Guards { get; }

    /// <summary>True or false when .editorconfig says whether injected clients are guarded; null: judge by registrations.</summary>
    public bool? InjectedClientsGuarded { get; }

    /// <summary>Reads the lists for one syntax tree, caching parses per distinct configuration text.</summary>
    public static ConfiguredMethodNames For(
        AnalyzerConfigOptionsProvider provider, SyntaxTree tree, ConcurrentDictionary<(string?, string?, string?), ConfiguredMethodNames> cache)
    {
        var options = provider.GetOptions(tree);
        options.TryGetValue(SinksKey, out var sinks);
        options.TryGetValue(GuardsKey, out var guards);
        options.TryGetValue(InjectedClientsKey, out var injected);
        if (sinks is null && guards is null && injected is null)
        {
            return None;
        }

        return cache.GetOrAdd((sinks, guards, injected), key => new ConfiguredMethodNames(
            MethodNameList.Parse(key.Item1), MethodNameList.Parse(key.Item2), ParseInjected(key.Item3)));
    }

    private static bool? ParseInjected(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "guarded" or "true" => true,
        "unguarded" or "false" => false,
        _ => null,
    };
}
