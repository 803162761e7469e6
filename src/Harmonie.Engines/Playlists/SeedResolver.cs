using Harmonie.Playlists;

namespace Harmonie.Engines.Playlists;

/// <summary>Seed handling shared by similar and drift (BEHAVIOUR.md §8.1.5–8): resolve refs, merge, load, check.</summary>
internal static class SeedResolver
{
    public static async Task<(MergedSeeds Seeds, IReadOnlyList<UnresolvedSeedReference> Unresolved)> ResolveAsync(
        PlaylistRequest request, IPlaylistTrackSource source, CancellationToken cancellationToken)
    {
        var resolved = new List<(long Id, double Weight)>();
        var unresolved = new List<UnresolvedSeedReference>();
        foreach (var seedRef in request.SeedRefs)
        {
            if (await source.ResolveAsync(seedRef.Reference, cancellationToken).ConfigureAwait(false) is { } id)
            {
                resolved.Add((id, seedRef.Weight ?? 1.0));
            }
            else
            {
                unresolved.Add(new UnresolvedSeedReference(seedRef, UnresolvedSeedReference.NoMatch));
            }
        }

        var merged = SeedMerger.Merge(request.Seeds, request.SeedWeights, resolved);
        return merged.IsEmpty ? throw PlaylistException.NoSeedsResolved() : (merged, unresolved);
    }

    /// <summary>
    /// Loads the seed rows: 404 for the first id (merged order) missing from the catalog, 400 when they span
    /// several models. Returns null when a seed is not in its model's index (the original's stale cache: an
    /// empty playlist, not an error).
    /// </summary>
    public static async Task<PlaylistSeeds?> LoadAsync(MergedSeeds seeds, IPlaylistTrackSource source, CancellationToken cancellationToken)
    {
        var found = (await source.GetTracksAsync(seeds.Ids, cancellationToken).ConfigureAwait(false))
            .ToDictionary(t => t.Track.Id);
        var rows = new List<PlaylistTrack>(seeds.Ids.Count);
        foreach (var id in seeds.Ids)
        {
            rows.Add(found.TryGetValue(id, out var row) ? row : throw PlaylistException.SeedNotFound(id));
        }

        var models = rows.Select(r => r.Track.Model).Distinct().ToList();
        if (models.Count > 1)
        {
            throw PlaylistException.MultipleModels(models);
        }

        if (models[0] is not { } model || rows.Any(r => r.Vector is null || r.Vector.Length != rows[0].Vector!.Length))
        {
            return null;
        }

        var vectors = rows.Select(r => r.Vector!).ToList();
        var centroid = SeedCentroid.Compute(vectors, seeds.Weights);
        return new PlaylistSeeds(rows.Select(r => r.Track).ToList(), seeds.Weights, vectors, model, centroid);
    }
}
