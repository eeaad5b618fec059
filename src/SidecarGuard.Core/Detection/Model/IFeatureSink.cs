namespace SidecarGuard.Core.Detection.Model;

/// <summary>Receives hashed feature buckets from <see cref="FeatureHasher"/>; a struct so the hot path does not allocate.</summary>
internal interface IFeatureSink
{
    /// <summary>Called once per feature occurrence with its bucket in [0, 2^bits).</summary>
    void Add(int bucket);

    /// <summary>Called after the last feature of each word (its unigram, bigram with the word before and 4-grams).</summary>
    void WordDone();
}
