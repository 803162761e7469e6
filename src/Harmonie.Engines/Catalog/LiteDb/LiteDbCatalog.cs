using Harmonie.Analysis;
using Harmonie.Catalog;
using Harmonie.Tracks;
using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

/// <summary>
/// The embedded catalog: one LiteDB file owned by one process (the silo). Track documents hold the
/// fields the API shows; embeddings and style vectors live in a separate collection because a 5 KB
/// vector inside a document costs a whole page. Every write is one transaction, committed before the
/// call returns, so a killed process loses nothing that was reported finished.
/// </summary>
public sealed partial class LiteDbCatalog : ICatalog
{
    private const int StreamBatch = 500;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _tracks;
    private readonly ILiteCollection<BsonDocument> _vectors;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly ILiteCollection<BsonDocument> _tombstones;
    private readonly ILiteCollection<BsonDocument> _scans;
    private readonly ILiteCollection<BsonDocument> _failures;
    private readonly Lock _writeGate = new();
    private readonly CatalogTotals _totals = new();

    private LiteDbCatalog(string path)
    {
        Location = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        _db = new LiteDatabase(new ConnectionString
        {
            Filename = Location,
            Connection = ConnectionType.Direct,
            Collation = Collation.Binary,
        });
        try
        {
            PreviousSchemaVersion = LiteDbSchema.Migrate(_db, Location);
        }
        catch
        {
            _db.Dispose();
            throw;
        }

        _tracks = _db.GetCollection(TrackDocuments.Collection);
        _vectors = _db.GetCollection(TrackDocuments.VectorCollection);
        _meta = _db.GetCollection(LiteDbSchema.MetaCollection);
        _tombstones = _db.GetCollection(LiteDbSchema.TombstoneCollection);
        _scans = _db.GetCollection(ScanDocuments.Collection);
        _failures = _db.GetCollection(ScanDocuments.FailureCollection);
        foreach (var doc in _tracks.FindAll())
        {
            _totals.Replace(null, TrackDocuments.ToRecord(doc));
        }
    }

    public string Location { get; }

    public int SchemaVersion => LiteDbSchema.Latest;

    /// <summary>The schema version the file had before this process migrated it (0 for a new file).</summary>
    public int PreviousSchemaVersion { get; }

    /// <summary>Opens (creating and migrating as needed) the catalog file.</summary>
    /// <exception cref="CatalogVersionException">The file was written by a newer harmonie.</exception>
    public static LiteDbCatalog Open(string path) => new(path);

    /// <summary>Reads the schema version of a file without migrating it; 0 when the file does not exist.</summary>
    public static int ReadSchemaVersion(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        return LiteDbSchema.ReadVersion(db);
    }

    public void Dispose() => _db.Dispose();

    public Task<TrackRecord?> GetTrackAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(_tracks.FindById(id) is { } doc ? TrackDocuments.ToRecord(doc) : null);

    public Task<TrackRecord?> GetTrackByPathAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(FindByPath(path) is { } doc ? TrackDocuments.ToRecord(doc) : null);

    public Task<IReadOnlyList<TrackRecord>> GetTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var records = new List<TrackRecord>(ids.Count);
        foreach (var id in ids.Distinct().Order())
        {
            if (_tracks.FindById(id) is { } doc)
            {
                records.Add(TrackDocuments.ToRecord(doc));
            }
        }

        return Task.FromResult<IReadOnlyList<TrackRecord>>(records);
    }

    public Task<TrackPage> ListTracksAsync(TrackListQuery query, CancellationToken cancellationToken)
    {
        ILiteQueryable<BsonDocument> Matching() =>
            query.Model is null ? _tracks.Query() : _tracks.Query().Where(Query.EQ("model", query.Model));
        var total = Matching().Count();
        if (query.OrderBy == TrackOrder.Id)
        {
            var page = Matching().OrderBy("_id").Skip(query.Offset).Limit(query.Limit).ToList();
            return Task.FromResult(new TrackPage([.. page.Select(TrackDocuments.ToRecord)], total));
        }

        // LiteDB orders by one key only; sort (key, id) here so pages are stable and nulls come first.
        var field = query.OrderBy switch
        {
            TrackOrder.Path => "path",
            TrackOrder.Bpm => "bpm",
            TrackOrder.Duration => "duration",
            _ => "analyzed_at",
        };
        var keys = Matching().Select($"{{ id: $._id, k: $.{field} }}").ToList()
            .Select(d => (Id: d["id"].AsInt64, Key: d["k"]))
            .OrderBy(x => x.Key, SortKeyComparer.Instance)
            .ThenBy(x => x.Id)
            .Skip(query.Offset)
            .Take(query.Limit)
            .Select(x => x.Id)
            .ToList();
        var items = keys.Select(id => TrackDocuments.ToRecord(_tracks.FindById(id))).ToList();
        return Task.FromResult(new TrackPage(items, total));
    }

    public Task<TrackRecord?> ResolveAsync(TrackReference reference, CancellationToken cancellationToken) =>
        TrackResolution.ResolveAsync(
            reference,
            (path, _) => Task.FromResult(FindByPath(path) is { } doc ? TrackDocuments.ToRecord(doc) : null),
            (criteria, _) => Task.FromResult(FindSmallest(criteria)),
            cancellationToken);

    public Task<CatalogStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        lock (_writeGate)
        {
            return Task.FromResult(new CatalogStats
            {
                Tracks = _totals.Tracks,
                TotalDurationSec = _totals.Duration,
                TotalBytes = _totals.Bytes,
                ByModel = _totals.ByModel(),
                ByRoot = _totals.ByRoot(),
                DbPath = Location,
                DbSizeBytes = FileSize(Location) + FileSize(JournalPath(Location)),
                SchemaVersion = SchemaVersion,
            });
        }
    }

    /// <summary>LiteDB's write-ahead journal (<c>name-log.ext</c>): committed pages live there until a checkpoint.</summary>
    public static string JournalPath(string databasePath) =>
        Path.Combine(
            Path.GetDirectoryName(databasePath)!,
            $"{Path.GetFileNameWithoutExtension(databasePath)}-log{Path.GetExtension(databasePath)}");

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public Task<TrackEmbedding?> GetEmbeddingAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(_vectors.FindById(id) is { } doc ? TrackDocuments.ToEmbedding(doc) : null);

    public async IAsyncEnumerable<(TrackRecord Track, TrackEmbedding? Embedding)> StreamModelAsync(
        string model, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Batches by id range: LiteDB cursors are bound to a thread, so none may stay open across an await.
        var after = long.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = TracksAfter(after, StreamBatch);
            foreach (var doc in batch.Where(d => HasModel(d, model)))
            {
                var track = TrackDocuments.ToRecord(doc);
                var vector = _vectors.FindById(track.Id);
                yield return (track, vector is null ? null : TrackDocuments.ToEmbedding(vector));
            }

            if (batch.Count < StreamBatch)
            {
                yield break;
            }

            after = batch[^1]["_id"].AsInt64;
            await Task.Yield();
        }
    }

    public async IAsyncEnumerable<TrackRecord> StreamTracksAsync(
        string? model, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = long.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = TracksAfter(after, StreamBatch * 4);
            foreach (var doc in batch.Where(d => HasModel(d, model)))
            {
                yield return TrackDocuments.ToRecord(doc);
            }

            if (batch.Count < StreamBatch * 4)
            {
                yield break;
            }

            after = batch[^1]["_id"].AsInt64;
            await Task.Yield();
        }
    }

    /// <summary>
    /// The next <paramref name="limit"/> rows by id after <paramref name="after"/>, of every model. Filtering by
    /// model here instead would make LiteDB seek the <c>model</c> index and sort all of that model's rows for
    /// every batch (quadratic: 30 s instead of 2 s to stream 100,000 rows); the <c>_id</c> index walk stops at the limit.
    /// </summary>
    private List<BsonDocument> TracksAfter(long after, int limit) =>
        _tracks.Query().Where(Query.GT("_id", after)).OrderBy("_id").Limit(limit).ToList();

    private static bool HasModel(BsonDocument doc, string? model) =>
        model is null ? doc["model"].IsNull : doc["model"].IsString && doc["model"].AsString == model;

    private BsonDocument? FindByPath(string path) => _tracks.FindOne(Query.EQ("path", path));

    private TrackRecord? FindSmallest(ResolutionCriteria criteria)
    {
        var index = criteria.RelativePath is not null
            ? Query.EQ("relative_path", criteria.RelativePath)
            : Query.EQ("title_lc", TrackDocuments.Fold(criteria.Title));
        BsonDocument? best = null;
        foreach (var doc in _tracks.Find(index))
        {
            if (criteria.Artist is not null && doc["artist_lc"] != TrackDocuments.Fold(criteria.Artist))
            {
                continue;
            }

            if (criteria.Album is not null && doc["album_lc"] != TrackDocuments.Fold(criteria.Album))
            {
                continue;
            }

            if (best is null || doc["_id"].AsInt64 < best["_id"].AsInt64)
            {
                best = doc;
            }
        }

        return best is null ? null : TrackDocuments.ToRecord(best);
    }
}
