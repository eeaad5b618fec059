using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// The extra sinks and guards a project names in .editorconfig:
/// <c>dotnet_code_quality.SG1001.additional_sinks</c> and <c>dotnet_code_quality.SG1001.additional_guards</c>.
/// </summary>
internal sealed class ConfiguredMethodNames
{
    public const string SinksKey = "dotnet_code_quality.SG1001.additional_sinks";
    public const string GuardsKey = "dotnet_code_quality.SG1001.additional_guards";

    public static readonly ConfiguredMethodNames None = new(MethodNameList.Empty, MethodNameList.Empty);

    private ConfiguredMethodNames(MethodNameList sinks, MethodNameList guards)
    {
        Sinks = sinks;
        Guards = guards;
    }

    public MethodNameList Sinks { get; }

    public MethodNameList Guards { get; }

    /// <summary>Reads the lists for one syntax tree, caching parses per distinct configuration text.</summary>
    public static ConfiguredMethodNames For(
        AnalyzerConfigOptionsProvider provider, SyntaxTree tree, ConcurrentDictionary<(string?, string?), ConfiguredMethodNames> cache)
    {
        var options = provider.GetOptions(tree);
        options.TryGetValue(SinksKey, out var sinks);
        options.TryGetValue(GuardsKey, out var guards);
        if (sinks is null && guards is null)
        {
            return None;
        }

        return cache.GetOrAdd((sinks, guards), key => new ConfiguredMethodNames(MethodNameList.Parse(key.Item1), MethodNameList.Parse(key.Item2)));
    }
}
