using System.Text;
using BenchmarkDotNet.Attributes;
using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Benchmarks;

/// <summary>
/// NFKC of a 1 KB turn with accents (French) from our own table (<c>CompatibilityComposition</c>, what every host runs
/// since the sidecar's invariant globalization made <c>string.Normalize</c> a no-op) against the runtime's ICU
/// normalisation of the same text in this process (the baseline), and the whole normalisation for matching.
/// </summary>
[MemoryDiagnoser]
public class NormalizationBenchmarks
{
    private const string French = "Je n'ai pas réussi à télécharger la facture de décembre, l'écran affiche « accès refusé » ; ";

    private string _accented = "";
    private string _fullwidth = "";

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        while (text.Length < 1024)
        {
            text.Append(French);
        }

        _accented = text.ToString(0, 1024);
        _fullwidth = string.Concat(_accented.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'ａ') : c));
        TextNormalizer.Normalize(_accented);
    }

    [Benchmark(Baseline = true, Description = "ICU NFKC of 1 KB with accents (baseline)")]
    public string Icu() => _accented.Normalize(NormalizationForm.FormKC);

    [Benchmark(Description = "our NFKC of 1 KB with accents")]
    public string Ours() => CompatibilityComposition.Apply(_accented);

    [Benchmark(Description = "our NFKC of 1 KB of fullwidth letters")]
    public string OursFullwidth() => CompatibilityComposition.Apply(_fullwidth);

    [Benchmark(Description = "whole normalisation of 1 KB with accents")]
    public string Whole() => TextNormalizer.Normalize(_accented);
}
