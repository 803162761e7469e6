namespace Harmonie.Filtering;

/// <summary>
/// The constraint object of the filter language (API.md "Filtering"): both the URL form and the JSON body
/// form parse into it, and one evaluator applies it everywhere.
/// </summary>
[GenerateSerializer, Immutable, Alias("harmonie.TrackFilter")]
public sealed record TrackFilter
{
    public static TrackFilter None { get; } = new();

    [Id(0)] public NumericRange? Bpm { get; init; }

    [Id(1)] public NumericRange? Danceability { get; init; }

    [Id(2)] public NumericRange? Loudness { get; init; }

    /// <summary>Allowed keys (any of); empty means no constraint.</summary>
    [Id(3)] public IReadOnlyList<string> Keys { get; init; } = [];

    [Id(4)] public string? Scale { get; init; }

    /// <summary>Discogs genres (left of <c>---</c>); empty means no constraint.</summary>
    [Id(5)] public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>Discogs styles (right of <c>---</c>); empty means no constraint.</summary>
    [Id(6)] public IReadOnlyList<string> Styles { get; init; } = [];

    /// <summary>A style row counts only at or above this probability.</summary>
    [Id(7)] public double StyleMin { get; init; }

    [Id(8)] public StyleMatchMode StyleMode { get; init; } = StyleMatchMode.Any;

    /// <summary>
    /// True when nothing constrains the tracks (BEHAVIOUR.md §6.4): no genres or styles and no descriptor
    /// bound; <see cref="StyleMin"/> and <see cref="StyleMode"/> alone do not make a filter.
    /// </summary>
    public bool IsEmpty =>
        (Bpm?.IsUnbounded ?? true) && (Danceability?.IsUnbounded ?? true) && (Loudness?.IsUnbounded ?? true) &&
        Keys.Count == 0 && string.IsNullOrEmpty(Scale) && Genres.Count == 0 && Styles.Count == 0;
}
