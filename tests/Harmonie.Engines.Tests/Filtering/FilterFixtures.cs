using Harmonie.Analysis;
using Harmonie.Tracks;

namespace Harmonie.Engines.Tests.Filtering;

/// <summary>Hand-built catalog rows for filter and statistics tests.</summary>
internal static class FilterFixtures
{
    public static TrackRecord Track(
        long id,
        double? bpm = null,
        string? key = null,
        string? scale = null,
        double? danceability = null,
        double? loudness = null,
        params (string Label, double Probability)[] styles) => new()
        {
            Id = id,
            Path = $"/lib/{id}.flac",
            Size = 100,
            Mtime = 1_700_000_000,
            Duration = 180,
            DescriptorVersion = 1,
            AnalyzedAt = 1_700_000_100,
            Descriptors = new AudioDescriptors { Bpm = bpm, Key = key, Scale = scale, Danceability = danceability, Loudness = loudness },
            Styles = styles.OrderByDescending(s => s.Probability).Select(s => new StyleScore(s.Label, s.Probability)).ToArray(),
        };

    public static TrackRecord Styled(long id, params (string Label, double Probability)[] styles) => Track(id, styles: styles);
}
