namespace Harmonie.Tracks;

/// <summary>One per track file (key: its path). Owns the track's analysis and is the single writer of its record.</summary>
[Alias("harmonie.ITrackGrain")]
public interface ITrackGrain : IGrainWithStringKey
{
    [Alias("Analyze")]
    [ResponseTimeout("02:00:00")]
    Task<TrackOutcome> AnalyzeAsync(AnalysisJob job, CancellationToken cancellationToken);

    /// <summary>Re-points an existing row to this path (a moved library); false when the move is declined.</summary>
    [Alias("Adopt")]
    Task<bool> AdoptAsync(Relocation relocation, CancellationToken cancellationToken);

    /// <summary>Deletes the track's record (its file is gone).</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(CancellationToken cancellationToken);
}
