using System.Numerics;
using SidecarGuard.Core.Detection;
using SidecarGuard.Semantic.Heads;

namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>
/// Fits one class-balanced, L2-regularised logistic head per category on frozen sentence embeddings (full-batch
/// Adam), then sets each head's threshold so it flags at most <see cref="HeadTrainerOptions.BenignRate"/> of the
/// rows it should not flag. Deterministic: same rows, same heads.
/// </summary>
internal sealed class HeadTrainer(HeadTrainerOptions options)
{
    public HeadSet Train(IReadOnlyList<SemanticRow> rows, IReadOnlyList<float[]> embeddings, string trainedOn)
    {
        var heads = (options.Categories ?? SemanticHeadCategories.Shipped)
            .Select(category => TrainHead(category, rows, embeddings))
            .Where(h => h is not null)
            .Select(h => h!)
            .ToList();
        return new HeadSet("all-MiniLM-L6-v2", heads[0].Weights.Length, trainedOn, heads);
    }

    private Head? TrainHead(string category, IReadOnlyList<SemanticRow> rows, IReadOnlyList<float[]> embeddings)
    {
        var index = new List<int>();
        var labels = new List<bool>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Labels.TryGetValue(category, out var positive))
            {
                index.Add(i);
                labels.Add(positive);
            }
        }

        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        var (weights, bias) = Fit(index, labels, embeddings, rows);

        // The threshold comes from out-of-fold probabilities: a head scores its own training rows too kindly, so a
        // quantile of in-sample scores would let far more unseen benign rows through than asked.
        var benign = new List<float>(); // out-of-fold probabilities of the head's negatives
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var inFold = Enumerable.Range(0, index.Count).Where(k => k % options.Folds != fold).ToList();
            var (w, b) = Fit([.. inFold.Select(k => index[k])], [.. inFold.Select(k => labels[k])], embeddings, rows);
            var probe = new Head(category, b, 0.5f, w);
            benign.AddRange(Enumerable.Range(0, index.Count)
                .Where(k => k % options.Folds == fold && !labels[k])
                .Select(k => probe.Probability(embeddings[index[k]])));
        }

        benign.Sort();
        var atRisk = HarmCategories.IsAtRisk(category);
        var rate = atRisk ? options.AtRiskRate : options.BenignRate;
        var floor = atRisk ? options.AtRiskMinThreshold : options.MinThreshold;
        var quantile = benign.Count == 0 ? 0.5f : benign[Math.Min(benign.Count - 1, (int)Math.Floor(benign.Count * (1 - rate)))];
        var threshold = (float)Math.Clamp(Math.Max(quantile, floor), 0.05, 0.98);
        var draft = new Head(category, bias, threshold, weights);
        return draft;
    }

    private (float[] Weights, float Bias) Fit(List<int> index, List<bool> labels, IReadOnlyList<float[]> embeddings, IReadOnlyList<SemanticRow> rows)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var dims = embeddings[index[0]].Length;
        var n = index.Count;
        var x = new float[n * dims];
        var sampleWeight = new float[n];
        var target = new float[n];
        for (var k = 0; k < n; k++)
        {
            embeddings[index[k]].CopyTo(x, k * dims);
            target[k] = labels[k] ? 1 : 0;
            sampleWeight[k] = (float)((labels[k] ? n / (2.0 * positives) : n / (2.0 * negatives)) / n);
            if (rows[index[k]].Source == OwnTurns.Source)
            {
                sampleWeight[k] *= (float)options.OwnWeight;
            }
        }

        var w = new float[dims];
        var bias = 0.0;
        var m = new double[dims + 1];
        var v = new double[dims + 1];
        var gradient = new float[dims];
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        for (var step = 1; step <= options.Iterations; step++)
        {
            Array.Clear(gradient);
            var biasGradient = 0.0;
            for (var k = 0; k < n; k++)
            {
                var row = x.AsSpan(k * dims, dims);
                var z = (float)bias + Dot(row, w);
                var p = 1 / (1 + MathF.Exp(-z));
                var error = (p - target[k]) * sampleWeight[k];
                AddScaled(gradient, row, error);
                biasGradient += error;
            }

            var correction1 = 1 - Math.Pow(beta1, step);
            var correction2 = 1 - Math.Pow(beta2, step);
            for (var d = 0; d <= dims; d++)
            {
                var g = d < dims ? gradient[d] + (options.L2 * w[d]) : biasGradient;
                m[d] = (beta1 * m[d]) + ((1 - beta1) * g);
                v[d] = (beta2 * v[d]) + ((1 - beta2) * g * g);
                var delta = options.LearningRate * (m[d] / correction1) / (Math.Sqrt(v[d] / correction2) + epsilon);
                if (d < dims)
                {
                    w[d] -= (float)delta;
                }
                else
                {
                    bias -= delta;
                }
            }
        }

        return (w, (float)bias);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    private static void AddScaled(Span<float> into, ReadOnlySpan<float> row, float scale)
    {
        var factor = new Vector<float>(scale);
        var i = 0;
        for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(into[i..]) + (new Vector<float>(row[i..]) * factor)).CopyTo(into[i..]);
        }

        for (; i < row.Length; i++)
        {
            into[i] += row[i] * scale;
        }
    }
}
