namespace Harmonie.Analysis;

/// <summary>Version stamps stored with every track; a bump makes the next scan refresh the affected tracks.</summary>
public static class AnalysisVersions
{
    /// <summary>
    /// Descriptor algorithm version. Rows with an older value get a descriptors-only refresh (embeddings kept).
    /// Kept at the original's value so imported databases are not re-analysed.
    /// </summary>
    public const int Descriptors = 1;
}
