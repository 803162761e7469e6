namespace Harmonie.Analysis;

/// <summary>How much of a file to analyse.</summary>
public enum AnalysisKind
{
    /// <summary>Decode, descriptors, embedding and styles.</summary>
    Full,

    /// <summary>Decode and descriptors only; the stored embedding and styles are kept.</summary>
    DescriptorsOnly,
}
