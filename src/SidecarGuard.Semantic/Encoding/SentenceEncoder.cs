using Microsoft.ML.OnnxRuntime;
using SidecarGuard.Semantic.Encoding.Quantization;

namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime: word pieces in, one 384-dimensional unit vector out per window of text (mean of
/// the last hidden states over real tokens, then L2-normalised, as the model was trained). Turns longer than one
/// window are read as several windows so a request late in a long turn is still seen. Thread-safe: one session is
/// shared by every caller.
/// </summary>
internal sealed class SentenceEncoder : IDisposable
{
    /// <summary>Width of the embedding.</summary>
    public const int Dimensions = 384;

    /// <summary>Tokens per window including <c>[CLS]</c> and <c>[SEP]</c>: the length the model was trained on.</summary>
    public const int MaxTokens = 256;

    /// <summary>Windows read from one turn at most: the first ones and the last, so cost stays bounded.</summary>
    public const int MaxWindows = 4;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;

    public SentenceEncoder(byte[] model, WordPieceTokenizer tokenizer, int intraOpThreads = 1, EncoderPrecision precision = EncoderPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        Tokenizer = tokenizer;
        Precision = precision;
        var onnx = precision == EncoderPrecision.Int8 ? DynamicQuantizer.Quantize(model).Model : model;

        using var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, intraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(onnx, options);
        if (precision == EncoderPrecision.Int8)
        {
            // The rewrite held the file three times over (read, written, copied out: about 250 MB); ONNX Runtime now
            // has its own copy. Give that memory back once, instead of leaving it to a later full collection.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>The tokenizer that matches the model.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>How the dense layers compute.</summary>
    public EncoderPrecision Precision { get; }

    /// <summary>Whether sequences may share a run without changing one another's embeddings.</summary>
    public bool SharesRuns => Precision == EncoderPrecision.Float32;

    /// <summary>
    /// Loads the encoder from the bundle the build copies beside this assembly, quantized to 8-bit dense layers unless
    /// <paramref name="precision"/> says otherwise (the product serves <see cref="EncoderPrecision.Int8"/>).
    /// </summary>
    public static SentenceEncoder LoadDefault(int intraOpThreads = 1, EncoderPrecision precision = EncoderPrecision.Int8)
    {
        var (model, vocabulary) = ModelBundle.Read(ModelBundle.DefaultPath);
        return new SentenceEncoder(model, new WordPieceTokenizer(vocabulary), intraOpThreads, precision);
    }

    /// <summary>One embedding per window of <paramref name="text"/> (at least one, at most <see cref="MaxWindows"/>).</summary>
    public float[][] EncodeWindows(string text) => EncodeSequences(WindowsOf(text));

    /// <summary>The windows the encoder reads of <paramref name="text"/>, as word-piece ids.</summary>
    public int[][] WindowsOf(string text) => Windows(Tokenizer.Tokenize(text));

    /// <summary>
    /// Embeddings of many texts, one per text (its first window only), computed in batches of similar length (one by
    /// one for the 8-bit encoder, see <see cref="EncodeSequences"/>). For training and evaluation, where throughput
    /// matters more than reading the tail of long texts.
    /// </summary>
    public float[][] EncodeMany(IReadOnlyList<string> texts, int batchSize = 32, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var sequences = texts.Select(t => Windows(Tokenizer.Tokenize(t))[0]).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => sequences[i].Length).ToArray();
        var result = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.Skip(start).Take(batchSize).ToArray();
            var vectors = EncodeSequences([.. batch.Select(i => sequences[i])]);
            for (var k = 0; k < batch.Length; k++)
            {
                result[batch[k]] = vectors[k];
            }

            progress?.Invoke(Math.Min(start + batchSize, order.Length));
        }

        return result;
    }

    /// <summary>
    /// Splits word pieces into windows of <see cref="MaxTokens"/> with <c>[CLS]</c>/<c>[SEP]</c> around each. Past
    /// <see cref="MaxWindows"/> windows the middle is skipped: the first windows and the very end are kept.
    /// </summary>
    internal int[][] Windows(List<int> pieces)
    {
        const int width = MaxTokens - 2;
        var count = Math.Max(1, (pieces.Count + width - 1) / width);
        var starts = Enumerable.Range(0, count).Select(w => w * width).ToList();
        if (count > MaxWindows)
        {
            starts = [.. starts.Take(MaxWindows - 1), pieces.Count - width];
        }

        return [.. starts.Select(start =>
        {
            var length = Math.Min(width, pieces.Count - start);
            var window = new int[length + 2];
            window[0] = Tokenizer.ClassifierId;
            pieces.CopyTo(start, window, 1, length);
            window[^1] = Tokenizer.SeparatorId;
            return window;
        })];
    }

    /// <summary>
    /// One embedding per sequence (word-piece ids with <c>[CLS]</c>/<c>[SEP]</c>, each at most <see cref="MaxTokens"/>),
    /// in one encoder run where <see cref="SharesRuns"/>: shorter sequences are padded and masked, so each result
    /// equals a run of its own.
    /// </summary>
    /// <remarks>
    /// With <see cref="EncoderPrecision.Int8"/> each sequence runs alone: the activations are quantized with one range
    /// per run, so a sequence's embedding would otherwise depend on the sequences beside it (and a verdict on other
    /// users' turns).
    /// </remarks>
    internal float[][] EncodeSequences(int[][] sequences)
    {
        if (Precision == EncoderPrecision.Int8 && sequences.Length > 1)
        {
            return [.. sequences.Select(s => Run([s])[0])];
        }

        return Run(sequences);
    }

    private float[][] Run(int[][] sequences)
    {
        var rows = sequences.Length;
        var width = sequences.Max(s => s.Length);
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        var types = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var t = 0; t < sequences[r].Length; t++)
            {
                ids[r * width + t] = sequences[r][t];
                mask[r * width + t] = 1;
            }

            for (var t = sequences[r].Length; t < width; t++)
            {
                ids[r * width + t] = Tokenizer.PaddingId;
            }
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        return MeanPool(outputs[0].GetTensorDataAsSpan<float>(), sequences, width);
    }

    private static float[][] MeanPool(ReadOnlySpan<float> hidden, int[][] sequences, int width)
    {
        var result = new float[sequences.Length][];
        for (var r = 0; r < sequences.Length; r++)
        {
            var vector = new float[Dimensions];
            var length = sequences[r].Length;
            for (var t = 0; t < length; t++)
            {
                var row = hidden.Slice((r * width + t) * Dimensions, Dimensions);
                for (var d = 0; d < Dimensions; d++)
                {
                    vector[d] += row[d];
                }
            }

            var norm = 0.0;
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] /= length;
                norm += vector[d] * vector[d];
            }

            var scale = (float)(1 / Math.Max(Math.Sqrt(norm), 1e-12));
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] *= scale;
            }

            result[r] = vector;
        }

        return result;
    }

    public void Dispose() => _session.Dispose();
}
