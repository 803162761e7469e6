namespace Harmonie.Engines.VectorIndex;

/// <summary>Tuning of an <see cref="EmbeddingIndex"/>. The defaults suit 1280-d embeddings on a small machine.</summary>
public sealed record EmbeddingIndexOptions
{
    /// <summary>Storage of the graph's own vector copy (scores always come from the float32 copy).</summary>
    public VectorQuantization Quantization { get; init; } = VectorQuantization.Float16;

    /// <summary>HNSW M: links per node. More links cost memory and build time and raise recall.</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>HNSW efConstruction.</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>
    /// HNSW ef at query time for graphs of up to 100,000 vectors; larger graphs double it per tenfold growth.
    /// USearch does not persist it, so the index sets it again after a load.
    /// </summary>
    public int ExpansionSearch { get; init; } = 128;

    /// <summary>Candidates fetched from the graph beyond k, so the exact re-rank can fix the graph's order.</summary>
    public int RerankCandidates { get; init; } = 32;

    /// <summary>Up to this many vectors, <see cref="VectorSearchStrategy.Auto"/> scans exactly instead of using the graph.</summary>
    public int ExactSearchMaxCount { get; init; } = 20_000;

    /// <summary>
    /// A filtered search scans the allowed vectors exactly while their count is at most √(this × vectors held), and
    /// walks the graph with the filter beyond: a scan costs in proportion to the allowed vectors, a filtered walk
    /// about in proportion to vectors ÷ allowed. The default puts the switch at ≈ 25,000 allowed of 100,000
    /// (where both took ≈ 5 ms in the track-index benchmark) and ≈ 80,000 of 1,000,000.
    /// </summary>
    public double FilteredScanFactor { get; init; } = 6_400;

    public VectorSearchStrategy SearchStrategy { get; init; } = VectorSearchStrategy.Auto;

    /// <summary>Graph searches that may run at once (USearch has a fixed number of per-thread search contexts).</summary>
    public int SearchThreadSlots { get; init; } = 64;

    /// <summary>
    /// Threads one large exact scan is split over. More cut its latency on an idle machine, but the service
    /// runs many queries (and analysis) at once, where splitting only adds scheduling delay: default 1.
    /// </summary>
    public int ScanThreads { get; init; } = 1;

    /// <summary>Threads that insert into the graph during a batch upsert or a rebuild.</summary>
    public int BuildThreads { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Connectivity, 2, nameof(Connectivity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExpansionAdd, nameof(ExpansionAdd));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExpansionSearch, nameof(ExpansionSearch));
        ArgumentOutOfRangeException.ThrowIfNegative(RerankCandidates, nameof(RerankCandidates));
        ArgumentOutOfRangeException.ThrowIfNegative(ExactSearchMaxCount, nameof(ExactSearchMaxCount));
        ArgumentOutOfRangeException.ThrowIfNegative(FilteredScanFactor, nameof(FilteredScanFactor));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SearchThreadSlots, nameof(SearchThreadSlots));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BuildThreads, nameof(BuildThreads));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ScanThreads, nameof(ScanThreads));
        if (!Enum.IsDefined(Quantization))
        {
            throw new ArgumentOutOfRangeException(nameof(Quantization), Quantization, "Unknown quantization.");
        }

        if (!Enum.IsDefined(SearchStrategy))
        {
            throw new ArgumentOutOfRangeException(nameof(SearchStrategy), SearchStrategy, "Unknown search strategy.");
        }
    }
}
