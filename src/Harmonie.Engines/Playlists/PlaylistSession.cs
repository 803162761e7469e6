using Harmonie.Playlists;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// One playlist request and everything needed to continue it (endless radio): picks, diversity state, anchor
/// and baseline, generator, vibe pool position. The first <see cref="NextAsync"/> with the request's n returns
/// exactly the one-shot playlist; later calls continue it and never repeat a track id, nor (from the second
/// batch on, whatever <c>dedupe_titles</c> says) a song already emitted or recorded as a seed. Plain in-memory
/// state for a grain to hold; not thread-safe, and it keeps using the source it was started with.
/// </summary>
public sealed class PlaylistSession
{
    private readonly IPlaylistBuilder? _builder;
    private readonly DiversityState _diversity;

    private PlaylistSession(
        PlaylistRequest request, IPlaylistBuilder? builder, DiversityState diversity, IReadOnlyList<UnresolvedSeedReference> unresolved)
    {
        Request = request;
        _builder = builder;
        _diversity = diversity;
        UnresolvedSeedRefs = unresolved;
    }

    public PlaylistRequest Request { get; }

    public IReadOnlyList<UnresolvedSeedReference> UnresolvedSeedRefs { get; }

    /// <summary>Batches returned so far.</summary>
    public int BatchCount { get; private set; }

    /// <summary>Items returned so far, over all batches.</summary>
    public int EmittedCount { get; private set; }

    /// <summary>
    /// Validates the request and prepares its playlist: resolves and merges the seeds, loads them and checks them
    /// (seeded modes) or loads the filtered pool (vibe).
    /// </summary>
    /// <exception cref="PlaylistException">Invalid request (422), no seed resolved or several models (400), unknown seed id (404).</exception>
    public static async Task<PlaylistSession> StartAsync(
        PlaylistRequest request,
        IPlaylistTrackSource source,
        PlaylistEngineOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        var errors = PlaylistRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            throw new PlaylistException(PlaylistErrorKind.Invalid, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        options ??= PlaylistEngineOptions.Default;
        var diversity = new DiversityState(request.DedupeTitles, request.ArtistCooldown);
        var random = request.RngSeed is { } seed ? new PlaylistRandom(seed) : PlaylistRandom.CreateUnseeded();
        if (request.Mode == PlaylistMode.Vibe)
        {
            var vibe = await VibePlaylistBuilder.CreateAsync(request, source, diversity, random, cancellationToken).ConfigureAwait(false);
            return new PlaylistSession(request, vibe, diversity, []);
        }

        var (merged, unresolved) = await SeedResolver.ResolveAsync(request, source, cancellationToken).ConfigureAwait(false);
        var seeds = await SeedResolver.LoadAsync(merged, source, cancellationToken).ConfigureAwait(false);
        if (seeds is null)
        {
            // A seed not in its model's index yet: an empty playlist, as the original's stale cache gives.
            return new PlaylistSession(request, null, diversity, unresolved);
        }

        var picker = new PlaylistPicker(request.Variation, random);
        IPlaylistBuilder builder = request.Mode == PlaylistMode.Similar
            ? new SimilarPlaylistBuilder(request, seeds, source, diversity, picker)
            : new DriftPlaylistBuilder(request, seeds, source, diversity, picker, options);
        return new PlaylistSession(request, builder, diversity, unresolved);
    }

    /// <summary>
    /// The next batch of up to <paramref name="count"/> items (1–500); shorter when the library is exhausted.
    /// Unresolved seed refs are reported with the first batch only.
    /// </summary>
    public async Task<PlaylistResult> NextAsync(int count, CancellationToken cancellationToken = default)
    {
        if (PlaylistRequestValidator.CountError(count) is { } error)
        {
            throw new PlaylistException(PlaylistErrorKind.Invalid, $"n: {error}");
        }

        if (BatchCount > 0)
        {
            _diversity.EnableTitleDedupe();
        }

        var items = _builder is null ? [] : await _builder.NextAsync(count, cancellationToken).ConfigureAwait(false);
        var result = new PlaylistResult { Items = items, UnresolvedSeedRefs = BatchCount == 0 ? UnresolvedSeedRefs : [] };
        BatchCount++;
        EmittedCount += items.Count;
        return result;
    }
}
