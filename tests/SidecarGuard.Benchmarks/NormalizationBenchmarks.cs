using System.Text;
using BenchmarkDotNet.Attributes;
using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Benchmarks;

/// <summary>
/// NFKC of a 1 KB turn with accents (French) from our own table (<c>CompatibilityComposition</c>, what every host runs
/// since the sidecar's invariant globalization made <c>string.Normalize</c> a no-op) against the runtime's ICU
/// normalisation of the same text in this process (the baseline), and the whole normalisation for matching; and what
/// spelling chat shorthand out costs (<c>ChatShorthand</c>: a scan of every turn, a rewrite of the few that have some).
/// </summary>
[MemoryDiagnoser]
public class NormalizationBenchmarks
{
    private const string French = "Je n'ai pas réussi à télécharger la facture de décembre, l'écran affiche « accès refusé » ; ";

    private const string Shorthand = "hw 2 get 2 the stadium 2moro w my bf, r u able 2 help? thx, every1 says its gr8 4 a day out. ";

    private string _accented = "";
    private string _fullwidth = "";
    private string _english = "";
    private string _shorthand = "";
    private char[] _foldedEnglish = [];

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
        _english = SampleTurns.BenignOf(1024);
        _foldedEnglish = TextNormalizer.Normalize(_english).ToCharArray();
        if (ShorthandScan() != _foldedEnglish.Length)
        {
            // A rewrite would hand this array to the pool; the scan is meant to find nothing.
            throw new InvalidOperationException("The English sample holds chat shorthand.");
        }

        var shorthand = new StringBuilder();
        while (shorthand.Length < 1024)
        {
            shorthand.Append(Shorthand);
        }

        _shorthand = shorthand.ToString(0, 1024);
    }

    [Benchmark(Baseline = true, Description = "ICU NFKC of 1 KB with accents (baseline)")]
    public string Icu() => _accented.Normalize(NormalizationForm.FormKC);

    [Benchmark(Description = "our NFKC of 1 KB with accents")]
    public string Ours() => CompatibilityComposition.Apply(_accented);

    [Benchmark(Description = "our NFKC of 1 KB of fullwidth letters")]
    public string OursFullwidth() => CompatibilityComposition.Apply(_fullwidth);

    [Benchmark(Description = "whole normalisation of 1 KB with accents")]
    public string Whole() => TextNormalizer.Normalize(_accented);

    [Benchmark(Description = "whole normalisation of 1 KB of English")]
    public string WholeEnglish() => TextNormalizer.Normalize(_english);

    [Benchmark(Description = "chat shorthand scan of 1 KB of English (nothing to rewrite)")]
    public int ShorthandScan()
    {
        var buffer = _foldedEnglish;
        var length = buffer.Length;
        ChatShorthand.Expand(ref buffer, ref length);
        return length;
    }

    [Benchmark(Description = "whole normalisation of 1 KB of chat shorthand")]
    public string WholeShorthand() => TextNormalizer.Normalize(_shorthand);
}
