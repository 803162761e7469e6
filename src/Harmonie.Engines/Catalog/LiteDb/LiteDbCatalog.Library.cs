using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

public sealed partial class LiteDbCatalog
{
    private const string OrphanedSinceKey = "orphaned_since";

    public Task<IReadOnlyList<TrackFileState>> GetFileStatesAsync(string resolvedRoot, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TrackFileState>>([.. _tracks.Find(Query.EQ("library_root", resolvedRoot)).Select(TrackDocuments.ToFileState)]);

    public Task<TrackFileState?> GetFileStateAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(FindByPath(path) is { } doc ? TrackDocuments.ToFileState(doc) : null);

    public Task<IReadOnlyList<TrackFileState>> GetOrphanedFileStatesAsync(IReadOnlyCollection<string> configuredRoots, CancellationToken cancellationToken)
    {
        var rows = new List<TrackFileState>();
        foreach (var root in _totals.Roots().Except(configuredRoots, StringComparer.Ordinal))
        {
            rows.AddRange(_tracks.Find(Query.EQ("library_root", root)).Select(TrackDocuments.ToFileState));
        }

        return Task.FromResult<IReadOnlyList<TrackFileState>>(rows);
    }

    public Task<IReadOnlyList<string>> GetLibraryRootsAsync(CancellationToken cancellationToken)
    {
        lock (_writeGate)
        {
            return Task.FromResult(_totals.Roots());
        }
    }

    public Task<IReadOnlyDictionary<string, double>> GetOrphanedSinceAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_meta.FindById(OrphanedSinceKey) is { } doc)
        {
            foreach (var entry in doc["roots"].AsArray)
            {
                result[entry["root"].AsString] = entry["since"].AsDouble;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, double>>(result);
    }

    public Task SetOrphanedSinceAsync(IReadOnlyDictionary<string, double> orphanedSince, CancellationToken cancellationToken)
    {
        var roots = new BsonArray(orphanedSince.Select(kv => new BsonDocument { ["root"] = kv.Key, ["since"] = kv.Value }));
        _meta.Upsert(new BsonDocument { ["_id"] = OrphanedSinceKey, ["roots"] = roots });
        return Task.CompletedTask;
    }
}
