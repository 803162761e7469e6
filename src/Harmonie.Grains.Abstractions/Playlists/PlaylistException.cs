namespace Harmonie.Playlists;

/// <summary>
/// A playlist request that cannot be served. <see cref="Exception.Message"/> is the exact HTTP <c>detail</c>
/// string of the original; <see cref="Kind"/> selects the status code.
/// </summary>
[GenerateSerializer, Alias("harmonie.PlaylistException")]
public sealed class PlaylistException : Exception
{
    public PlaylistException(PlaylistErrorKind kind, string detail)
        : base(detail)
    {
        Kind = kind;
    }

    [Id(0)] public PlaylistErrorKind Kind { get; private set; }

    public static PlaylistException SeedNotFound(long id) =>
        new(PlaylistErrorKind.NotFound, $"'seed track {id} not in database'");

    public static PlaylistException NoSeedsResolved() =>
        new(PlaylistErrorKind.BadRequest, "no seeds resolved; check seed_refs against /tracks/resolve");

    /// <summary>The detail formats the models like the original's Python set, sorted so the text is stable.</summary>
    public static PlaylistException MultipleModels(IEnumerable<string?> models) =>
        new(
            PlaylistErrorKind.BadRequest,
            "seed tracks span multiple models: {" +
            string.Join(", ", models.Distinct().Order(StringComparer.Ordinal).Select(m => m is null ? "None" : $"'{m}'")) + "}");
}
