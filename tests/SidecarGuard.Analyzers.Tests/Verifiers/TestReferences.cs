using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SidecarGuard.Analyzers.Tests.Verifiers;

/// <summary>
/// The references test compilations use: the running runtime's assemblies (the Net90/Net100 reference packs cannot be
/// resolved here) plus the real Semantic Kernel, Microsoft.Extensions.AI and SidecarGuard.Abstractions assemblies.
/// Created once: Roslyn caches metadata per reference object.
/// </summary>
internal static class TestReferences
{
    /// <summary>No reference pack: everything comes from <see cref="Runtime"/> and the chat libraries.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0-runtime");

    public static readonly ImmutableArray<MetadataReference> Runtime = LoadRuntime();

    public static readonly ImmutableArray<MetadataReference> ChatLibraries = LoadChatLibraries();

    public static readonly MetadataReference Abstractions = MetadataReference.CreateFromFile(typeof(IConversationGuard).Assembly.Location);

    private static ImmutableArray<MetadataReference> LoadRuntime()
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.EnumerateFiles(directory, "*.dll")
            .Where(IsManaged)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference> LoadChatLibraries()
    {
        var anchors = new[] { typeof(IChatCompletionService), typeof(KernelExtensions), typeof(IChatClient) };
        var directory = AppContext.BaseDirectory;
        var dependencies = Directory.EnumerateFiles(directory, "Microsoft.Extensions.*.dll")
            .Concat(Directory.EnumerateFiles(directory, "Microsoft.Bcl.*.dll"));
        return anchors.Select(t => t.Assembly.Location)
            .Concat(dependencies)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
