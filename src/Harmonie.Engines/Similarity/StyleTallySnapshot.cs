using Harmonie.Filtering;

namespace Harmonie.Engines.Similarity;

/// <summary>The style tallies of one <see cref="TrackIndex"/> row version at one <c>style_min</c>, kept for the next call.</summary>
internal sealed record StyleTallySnapshot(long RowVersion, double StyleMin, IReadOnlyList<StyleTally> Tallies);
