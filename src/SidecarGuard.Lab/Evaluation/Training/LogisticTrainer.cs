using SidecarGuard.Core.Detection.Model;
using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Lab.Evaluation.Training;

/// <summary>
/// Trains <see cref="LinearModel"/>: one logistic regression per category over hashed features, by AdaGrad with
/// L2 regularisation and class weights that balance positives and negatives (capped), in a fixed seeded order so
/// the same data always gives the same weights. Rows teach only the categories their targets name.
/// </summary>
internal sealed class LogisticTrainer(TrainerOptions options)
{
    /// <summary>Trains on <paramref name="items"/> for <paramref name="categories"/>.</summary>
    public LinearModel Train(IReadOnlyList<EvalItem> items, IReadOnlyList<string> categories, TextWriter? log = null)
    {
        var rows = items.Select(i => Features(i.Text)).ToList();
        var size = 1 << options.Bits;
        var k = categories.Count;
        var quantized = new sbyte[size * k];
        var biases = new float[k];
        var scales = new float[k];
        var thresholds = categories.Select(c => options.CategoryThresholds.GetValueOrDefault(c, options.Threshold)).ToArray();
        for (var c = 0; c < k; c++)
        {
            var labelled = Enumerable.Range(0, items.Count)
                .Where(i => items[i].Targets.ContainsKey(categories[c]))
                .Select(i => (Row: rows[i], Positive: items[i].Targets[categories[c]]))
                .ToList();
            var (weights, bias) = TrainOne(labelled);
            var max = weights.Max(MathF.Abs);
            scales[c] = max > 0 ? max / 127f : 1f;
            biases[c] = bias;
            for (var b = 0; b < size; b++)
            {
                quantized[(b * k) + c] = (sbyte)Math.Clamp(MathF.Round(weights[b] / scales[c]), -127, 127);
            }

            log?.WriteLine($"{categories[c],-28} rows {labelled.Count,5}  positives {labelled.Count(r => r.Positive),5}");
        }

        return new LinearModel(options.Bits, [.. categories], biases, scales, thresholds, quantized);
    }

    private (float[] Weights, float Bias) TrainOne(List<((int Bucket, float Value)[] Row, bool Positive)> labelled)
    {
        var weights = new float[1 << options.Bits];
        var squares = new float[weights.Length];
        var bias = 0f;
        var biasSquares = 0f;
        var positives = Math.Max(1, labelled.Count(r => r.Positive));
        var negatives = Math.Max(1, labelled.Count - positives);
        var positiveWeight = (float)Math.Clamp((double)negatives / positives, 1, options.MaxClassWeight);
        var negativeWeight = (float)Math.Clamp((double)positives / negatives, 1, options.MaxClassWeight);
        var order = Enumerable.Range(0, labelled.Count).ToArray();
        var random = new Random(options.Seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var (row, positive) = labelled[index];
                var z = bias;
                foreach (var (bucket, value) in row)
                {
                    z += weights[bucket] * value;
                }

                var p = 1f / (1f + MathF.Exp(-z));
                var gradient = (p - (positive ? 1f : 0f)) * (positive ? positiveWeight : negativeWeight);
                foreach (var (bucket, value) in row)
                {
                    var g = (gradient * value) + (options.L2 * weights[bucket]);
                    squares[bucket] += g * g;
                    weights[bucket] -= options.LearningRate * g / (MathF.Sqrt(squares[bucket]) + 1e-6f);
                }

                biasSquares += gradient * gradient;
                bias -= options.LearningRate * gradient / (MathF.Sqrt(biasSquares) + 1e-6f);
            }
        }

        return (weights, bias);
    }

    /// <summary>The row's features with counts, scaled by <see cref="LinearModel.Norm"/> as the model scores them.</summary>
    private (int Bucket, float Value)[] Features(string text)
    {
        var sink = new CountingSink(new Dictionary<int, int>());
        FeatureHasher.Visit(TextNormalizer.Normalize(text), options.Bits, ref sink);
        var norm = LinearModel.Norm(sink.Total);
        return [.. sink.Counts.OrderBy(p => p.Key).Select(p => (p.Key, p.Value * norm))];
    }

    private struct CountingSink(Dictionary<int, int> counts) : IFeatureSink
    {
        public readonly Dictionary<int, int> Counts => counts;

        public int Total { get; private set; }

        public void Add(int bucket)
        {
            Total++;
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }

        public readonly void WordDone()
        {
        }
    }
}
