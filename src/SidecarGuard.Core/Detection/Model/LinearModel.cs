using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace SidecarGuard.Core.Detection.Model;

/// <summary>
/// Per-category logistic regression over hashed text features (<see cref="FeatureHasher"/>), with int8 weights
/// in one dense table laid out bucket by bucket so scoring a feature touches one short row. The score of a turn
/// is <c>sigmoid(bias + scale · Σ weights / √features)</c> per category. Loaded once from the format described in
/// <c>Detection/Model/README.md</c>; thread-safe and allocation-free when scoring.
/// </summary>
internal sealed class LinearModel
{
    /// <summary>First bytes of a weight file.</summary>
    public const string Magic = "SGLM";

    /// <summary>Format version this code reads and writes.</summary>
    public const int Version = 1;

    /// <summary>
    /// Feature counts below this are normalised as if they were this many, so a two-word turn ("I'm sure") is
    /// not scored with the confidence of a paragraph.
    /// </summary>
    public const int MinNormalizingCount = 32;

    /// <summary>Words per scoring window of long turns.</summary>
    public const int WindowWords = 56;

    /// <summary>Categories the vectorised scorer handles: one 16-byte load covers a bucket's whole row.</summary>
    private const int Lanes = 16;

    private readonly sbyte[] _weights;

    /// <summary>The weights followed by <see cref="Lanes"/> zero bytes, so a 16-byte load at any row start stays inside.</summary>
    private readonly sbyte[] _padded;

    public LinearModel(int bits, string[] categories, float[] biases, float[] scales, float[] thresholds, sbyte[] weights)
    {
        if (bits is < 8 or > 24 || weights.Length != (1 << bits) * categories.Length
            || biases.Length != categories.Length || scales.Length != categories.Length || thresholds.Length != categories.Length)
        {
            throw new InvalidDataException("Inconsistent linear model dimensions.");
        }

        Bits = bits;
        Categories = categories;
        Biases = biases;
        Scales = scales;
        Thresholds = thresholds;
        _weights = weights;
        _padded = new sbyte[weights.Length + Lanes];
        weights.CopyTo(_padded, 0);
    }

    /// <summary>log2 of the number of hash buckets.</summary>
    public int Bits { get; }

    /// <summary>Category names, one weight per bucket each.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Intercept per category.</summary>
    public IReadOnlyList<float> Biases { get; }

    /// <summary>Weight of one int8 step per category.</summary>
    public IReadOnlyList<float> Scales { get; }

    /// <summary>Probability at which each category counts as detected (mapped to the detector's 0.5).</summary>
    public IReadOnlyList<float> Thresholds { get; }

    /// <summary>
    /// Scores <paramref name="normalized"/> into <paramref name="probabilities"/> (one per category): the highest
    /// probability of the whole text and of each window of <see cref="WindowWords"/> words (stepping half a
    /// window), so one harmful request inside a long benign turn is not averaged away. Features are hashed once;
    /// windows are differences of running per-word sums.
    /// </summary>
    public void Score(ReadOnlySpan<char> normalized, Span<float> probabilities)
    {
        var k = Categories.Count;
        var vector = k <= Lanes && Vector128.IsHardwareAccelerated;
        var layout = vector ? new PrefixLayout(Lanes + 1, Lanes) : new PrefixLayout(k + 1, k);
        var maxWords = (normalized.Length / 2) + 2;
        var prefix = ArrayPool<int>.Shared.Rent((maxWords + 2) * layout.Stride);
        try
        {
            // Row 0 holds the (zero) totals before the first word; the scalar accumulator also sums into row 1.
            Array.Clear(prefix, 0, 2 * layout.Stride);
            int words;
            if (vector)
            {
                var sink = new VectorAccumulator(_padded, k, prefix);
                FeatureHasher.Visit(normalized, Bits, ref sink);
                words = sink.Words;
            }
            else
            {
                var sink = new Accumulator(_weights, k, prefix);
                FeatureHasher.Visit(normalized, Bits, ref sink);
                words = sink.Words;
            }

            Probabilities(prefix, layout, 0, words, probabilities);
            if (words <= WindowWords)
            {
                return;
            }

            Span<float> window = stackalloc float[k];
            for (var start = 0; ; start += WindowWords / 2)
            {
                var end = Math.Min(words, start + WindowWords);
                Probabilities(prefix, layout, start, end, window);
                for (var c = 0; c < k; c++)
                {
                    probabilities[c] = Math.Max(probabilities[c], window[c]);
                }

                if (end == words)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefix);
        }
    }

    /// <summary>Probabilities of words [<paramref name="from"/>, <paramref name="to"/>) from the running sums.</summary>
    private void Probabilities(int[] prefix, PrefixLayout layout, int from, int to, Span<float> probabilities)
    {
        var k = Categories.Count;
        var stride = layout.Stride;
        var count = prefix[(to * stride) + layout.Count] - prefix[(from * stride) + layout.Count];
        var norm = Norm(count);
        for (var c = 0; c < k; c++)
        {
            var sum = prefix[(to * stride) + c] - prefix[(from * stride) + c];
            var z = Biases[c] + (Scales[c] * sum * norm);
            probabilities[c] = 1f / (1f + MathF.Exp(-z));
        }
    }

    /// <summary>The int8 weight of <paramref name="bucket"/> for category <paramref name="category"/>.</summary>
    public sbyte WeightAt(int bucket, int category) => _weights[(bucket * Categories.Count) + category];

    /// <summary>The factor each feature count is multiplied by in a text of <paramref name="count"/> features.</summary>
    public static float Norm(int count) => count == 0 ? 0f : 1f / MathF.Sqrt(Math.Max(count, MinNormalizingCount));

    /// <summary>Reads a weight file (gzip-compressed, see the README).</summary>
    public static LinearModel Read(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip, Encoding.UTF8);
        if (Encoding.ASCII.GetString(reader.ReadBytes(4)) != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("Not a SidecarGuard linear model (version 1) file.");
        }

        var bits = reader.ReadInt32();
        var k = reader.ReadInt32();
        var categories = new string[k];
        var biases = new float[k];
        var scales = new float[k];
        var thresholds = new float[k];
        for (var c = 0; c < k; c++)
        {
            categories[c] = reader.ReadString();
            biases[c] = reader.ReadSingle();
            scales[c] = reader.ReadSingle();
            thresholds[c] = reader.ReadSingle();
        }

        var weights = new sbyte[(1 << bits) * k];
        var rows = reader.ReadInt32();
        for (var r = 0; r < rows; r++)
        {
            var bucket = reader.ReadInt32();
            for (var c = 0; c < k; c++)
            {
                weights[(bucket * k) + c] = reader.ReadSByte();
            }
        }

        return new LinearModel(bits, categories, biases, scales, thresholds, weights);
    }

    /// <summary>Writes this model in the format <see cref="Read"/> expects, listing only non-zero buckets.</summary>
    public void Write(Stream output)
    {
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        var k = Categories.Count;
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(Version);
        writer.Write(Bits);
        writer.Write(k);
        for (var c = 0; c < k; c++)
        {
            writer.Write(Categories[c]);
            writer.Write(Biases[c]);
            writer.Write(Scales[c]);
            writer.Write(Thresholds[c]);
        }

        var buckets = Enumerable.Range(0, 1 << Bits).Where(b => Enumerable.Range(0, k).Any(c => _weights[(b * k) + c] != 0)).ToList();
        writer.Write(buckets.Count);
        foreach (var bucket in buckets)
        {
            writer.Write(bucket);
            for (var c = 0; c < k; c++)
            {
                writer.Write(_weights[(bucket * k) + c]);
            }
        }
    }

    /// <summary>Rows of the running sums: <paramref name="Stride"/> ints a word, the feature count at <paramref name="Count"/>.</summary>
    private readonly record struct PrefixLayout(int Stride, int Count);

    /// <summary>
    /// The vectorised <see cref="Accumulator"/>: a feature's row is one 16-byte load widened into two vectors of
    /// 16-bit sums for the current word; at the end of the word they are widened into the running 32-bit totals and
    /// stored as the next prefix row (16 lanes, of which the first k are categories, then the feature count).
    /// Lanes past k add bytes of the next row and are never read. 16-bit sums are flushed every
    /// <see cref="FlushEvery"/> features, so even a word thousands of characters long cannot overflow them.
    /// </summary>
    private ref struct VectorAccumulator : IFeatureSink
    {
        private const int FlushEvery = 200;

        private readonly ref sbyte _weights;
        private readonly Span<int> _prefix;
        private readonly int _k;
        private Vector128<short> _wordLow;
        private Vector128<short> _wordHigh;
        private Vector128<int> _total0;
        private Vector128<int> _total1;
        private Vector128<int> _total2;
        private Vector128<int> _total3;
        private int _pending;
        private int _features;

        public VectorAccumulator(sbyte[] padded, int k, int[] prefix)
        {
            _weights = ref MemoryMarshal.GetArrayDataReference(padded);
            _prefix = prefix;
            _k = k;
        }

        public int Words { get; private set; }

        public void Add(int bucket)
        {
            var row = Vector128.LoadUnsafe(ref _weights, (nuint)(bucket * _k));
            var (low, high) = Vector128.Widen(row);
            _wordLow += low;
            _wordHigh += high;
            if (++_pending == FlushEvery)
            {
                Flush();
            }
        }

        public void WordDone()
        {
            Flush();
            Words++;
            var row = _prefix.Slice(Words * (Lanes + 1), Lanes + 1);
            _total0.CopyTo(row);
            _total1.CopyTo(row[4..]);
            _total2.CopyTo(row[8..]);
            _total3.CopyTo(row[12..]);
            row[Lanes] = _features;
        }

        private void Flush()
        {
            var (a, b) = Vector128.Widen(_wordLow);
            var (c, d) = Vector128.Widen(_wordHigh);
            _total0 += a;
            _total1 += b;
            _total2 += c;
            _total3 += d;
            _wordLow = default;
            _wordHigh = default;
            _features += _pending;
            _pending = 0;
        }
    }

    /// <summary>
    /// Adds each feature's int8 row to running per-category sums and records them, with the feature count, after
    /// every word: row w of <c>prefix</c> holds the totals of the first w words.
    /// </summary>
    private ref struct Accumulator : IFeatureSink
    {
        private readonly ReadOnlySpan<sbyte> _weights;
        private readonly Span<int> _prefix;
        private readonly int _k;
        private Span<int> _row;

        public Accumulator(sbyte[] weights, int k, int[] prefix)
        {
            _weights = weights;
            _prefix = prefix;
            _k = k;
            _row = _prefix.Slice(k + 1, k + 1);
        }

        public int Words { get; private set; }

        public readonly void Add(int bucket)
        {
            var weights = _weights.Slice(bucket * _k, _k);
            var row = _row;
            for (var c = 0; c < weights.Length; c++)
            {
                row[c] += weights[c];
            }

            row[_k]++;
        }

        /// <summary>Row w holds the totals of the first w words; the next word sums on from a copy in row w + 1.</summary>
        public void WordDone()
        {
            Words++;
            var next = _prefix.Slice((Words + 1) * (_k + 1), _k + 1);
            _row.CopyTo(next);
            _row = next;
        }
    }
}
