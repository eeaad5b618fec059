using System.Security.Cryptography;
using System.Text;
using SidecarGuard.Semantic.Encoding;
using SidecarGuard.Semantic.Encoding.Quantization;

namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>
/// Embeddings of training and evaluation texts, kept on disk between runs (encoding 40,000 rows takes minutes; a
/// cached run takes seconds). Keyed by SHA-256 of the text; the file holds only hashes and vectors, never text.
/// Default place: <c>$XDG_CACHE_HOME/sidecarguard</c> or <c>~/.cache/sidecarguard</c>.
/// </summary>
internal sealed class EmbeddingCache
{
    private const int KeyBytes = 16;

    private readonly string _path;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    private EmbeddingCache(string path) => _path = path;

    /// <summary>The cache of embeddings by the encoder of <paramref name="precision"/> (one file each: their vectors differ).</summary>
    public static EmbeddingCache Open(EncoderPrecision precision, string? directory = null)
    {
        directory ??= Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "sidecarguard");
        Directory.CreateDirectory(directory);
        var name = precision == EncoderPrecision.Int8 ? $"all-MiniLM-L6-v2-{DynamicQuantizer.Scheme}.embeddings" : "all-MiniLM-L6-v2.embeddings";
        var cache = new EmbeddingCache(Path.Combine(directory, name));
        cache.Load();
        return cache;
    }

    /// <summary>Embeddings of <paramref name="texts"/> in order, encoding (and saving) the ones not cached yet.</summary>
    public float[][] Get(IReadOnlyList<string> texts, SentenceEncoder encoder, TextWriter log)
    {
        var keys = texts.Select(Key).ToArray();
        var missing = keys.Select((k, i) => (k, i)).Where(p => !_vectors.ContainsKey(p.k)).GroupBy(p => p.k).Select(g => g.First()).ToList();
        if (missing.Count > 0)
        {
            log.WriteLine($"encoding {missing.Count} texts not in the cache ({_path})");
            var progress = new ProgressBar(log, enabled: !Console.IsOutputRedirected);
            var vectors = encoder.EncodeMany([.. missing.Select(p => texts[p.i])],
                progress: done => progress.Report("encoding", done, missing.Count));
            using var file = new BinaryWriter(File.Open(_path, FileMode.Append));
            for (var m = 0; m < missing.Count; m++)
            {
                _vectors[missing[m].k] = vectors[m];
                file.Write(Convert.FromHexString(missing[m].k));
                foreach (var v in vectors[m])
                {
                    file.Write(v);
                }
            }
        }

        return [.. keys.Select(k => _vectors[k])];
    }

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        using var file = new BinaryReader(File.OpenRead(_path));
        var record = KeyBytes + (4 * SentenceEncoder.Dimensions);
        while (file.BaseStream.Length - file.BaseStream.Position >= record)
        {
            var key = Convert.ToHexString(file.ReadBytes(KeyBytes));
            var vector = new float[SentenceEncoder.Dimensions];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = file.ReadSingle();
            }

            _vectors[key] = vector;
        }
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, KeyBytes));
}
