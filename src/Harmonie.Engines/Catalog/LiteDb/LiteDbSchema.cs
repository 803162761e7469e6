using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

/// <summary>
/// Schema versions of the LiteDB catalog and the steps between them. Each step runs in its own
/// transaction with the version bump; a database newer than this build is refused.
/// </summary>
internal static class LiteDbSchema
{
    public const string MetaCollection = "meta";
    public const string TombstoneCollection = "tombstones";

    private static readonly Action<LiteDatabase>[] Migrations =
    [
        CreateVersion1,
    ];

    public static int Latest => Migrations.Length;

    public static int ReadVersion(LiteDatabase db) =>
        db.CollectionExists(MetaCollection) && db.GetCollection(MetaCollection).FindById("schema_version") is { } doc
            ? doc["value"].AsInt32
            : 0;

    /// <summary>Brings the database to <see cref="Latest"/>; returns the version it had before.</summary>
    public static int Migrate(LiteDatabase db, string location)
    {
        var current = ReadVersion(db);
        if (current > Latest)
        {
            throw new CatalogVersionException(
                $"The database {location} has schema version {current}, but this harmonie only knows up to {Latest}. " +
                "Upgrade harmonie (or point HARMONIE_DATA_DIR at another folder); the database was not changed.");
        }

        for (var version = current + 1; version <= Latest; version++)
        {
            db.BeginTrans();
            try
            {
                Migrations[version - 1](db);
                db.GetCollection(MetaCollection).Upsert(new BsonDocument { ["_id"] = "schema_version", ["value"] = version });
                db.Commit();
            }
            catch
            {
                db.Rollback();
                throw;
            }
        }

        return current;
    }

    private static void CreateVersion1(LiteDatabase db)
    {
        var tracks = db.GetCollection(TrackDocuments.Collection);
        tracks.EnsureIndex("path", unique: true);
        tracks.EnsureIndex("relative_path");
        tracks.EnsureIndex("library_root");
        tracks.EnsureIndex("model");
        tracks.EnsureIndex("title_lc");
        tracks.EnsureIndex("fingerprint");
        tracks.EnsureIndex("seq");
        db.GetCollection(TrackDocuments.VectorCollection).EnsureIndex("model");
        db.GetCollection(TombstoneCollection).EnsureIndex("seq");
        db.GetCollection(ScanDocuments.Collection).EnsureIndex("state");
        db.GetCollection(ScanDocuments.FailureCollection).EnsureIndex("scan_id");
    }
}
