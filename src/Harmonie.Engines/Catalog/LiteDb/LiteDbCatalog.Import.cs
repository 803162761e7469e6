using Harmonie.Engines.Import;
using Harmonie.Tracks;
using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

public sealed partial class LiteDbCatalog : ICatalogImport
{
    /// <summary>Rows per transaction when importing into a staging copy (bounded memory, see <see cref="ImportIntoFileAsync"/>).</summary>
    private const int StagedImportBatch = 1000;

    /// <summary>
    /// Imports in one transaction. LiteDB holds a transaction's pages in memory until it commits: about 9 MB
    /// per 1000 tracks with 1280-d embeddings, so large imports should use <see cref="ImportIntoFileAsync"/>.
    /// </summary>
    public Task<ImportSummary> ImportAsync(IEnumerable<ImportedTrack> tracks, CancellationToken cancellationToken) =>
        Task.Run(() => Import(tracks, int.MaxValue, cancellationToken), cancellationToken);

    /// <summary>
    /// Imports into the catalog file at <paramref name="path"/> (created if missing), which no process may have
    /// open, in bounded memory: the rows go into a copy of the file in batches, and the copy replaces the file
    /// with one rename. The file therefore holds all rows or none, even if the process dies midway (a leftover
    /// copy is removed by the next import).
    /// </summary>
    public static Task<ImportSummary> ImportIntoFileAsync(string path, IEnumerable<ImportedTrack> tracks, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var location = Path.GetFullPath(path);
                var staging = Path.Combine(
                    Path.GetDirectoryName(location)!, Path.GetFileNameWithoutExtension(location) + ".importing" + Path.GetExtension(location));
                Directory.CreateDirectory(Path.GetDirectoryName(location)!);
                DeleteDatabaseFiles(staging);
                if (File.Exists(location))
                {
                    // Opening migrates the file and closing checkpoints its log, so copying the one file copies everything.
                    Open(location).Dispose();
                    RequireNoLog(location);
                    File.Copy(location, staging);
                }

                try
                {
                    ImportSummary summary;
                    using (var catalog = Open(staging))
                    {
                        summary = catalog.Import(tracks, StagedImportBatch, cancellationToken);
                    }

                    RequireNoLog(staging);
                    File.Move(staging, location, overwrite: true);
                    return summary;
                }
                catch
                {
                    DeleteDatabaseFiles(staging);
                    throw;
                }
            },
            cancellationToken);

    /// <summary>LiteDB's log file beside a database file (its naming: <c>name-log.ext</c>).</summary>
    private static string LogPath(string location) =>
        Path.Combine(Path.GetDirectoryName(location)!, Path.GetFileNameWithoutExtension(location) + "-log" + Path.GetExtension(location));

    private static void RequireNoLog(string location)
    {
        if (File.Exists(LogPath(location)))
        {
            throw new IOException($"{location} still has a LiteDB log after closing; the import did not touch the catalog.");
        }
    }

    private static void DeleteDatabaseFiles(string location)
    {
        File.Delete(location);
        File.Delete(LogPath(location));
    }

    /// <summary>
    /// The import itself, under the write gate: commits every <paramref name="batchSize"/> rows (int.MaxValue:
    /// once, at the end) and rolls back the open transaction on any failure. Totals follow each commit.
    /// </summary>
    private ImportSummary Import(IEnumerable<ImportedTrack> tracks, int batchSize, CancellationToken cancellationToken)
    {
        lock (_writeGate)
        {
            var keepIds = _tracks.LongCount() == 0;
            var nextId = ReadCounter(NextTrackIdKey);
            var seq = ReadCounter(SequenceKey);
            var committed = new List<TrackRecord>();
            var idChanges = new List<ImportIdChange>();
            var skipped = new List<ImportRowNote>();
            var withoutEmbedding = new List<ImportRowNote>();
            var byModel = new SortedDictionary<string, long>(StringComparer.Ordinal);
            int imported = 0, styleRows = 0, styleVectors = 0, inBatch = 0;
            ImportedTrack? current = null;

            void Commit()
            {
                _meta.Upsert(new BsonDocument { ["_id"] = NextTrackIdKey, ["value"] = nextId });
                _meta.Upsert(new BsonDocument { ["_id"] = SequenceKey, ["value"] = seq });
                _db.Commit();
                foreach (var record in committed)
                {
                    _totals.Replace(null, record);
                }

                committed.Clear();
                inBatch = 0;
            }

            _db.BeginTrans();
            try
            {
                foreach (var row in tracks)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    current = row;
                    if (!keepIds && FindByPath(row.Track.Path) is { } existing)
                    {
                        skipped.Add(new ImportRowNote(row.SourceId, row.Track.Path, $"already in the catalog as track {existing["_id"].AsInt64}"));
                        continue;
                    }

                    var id = keepIds ? row.SourceId : nextId++;
                    nextId = Math.Max(nextId, id + 1);
                    var embedding = row.Embedding;
                    var record = row.Track with { Id = id, Model = embedding?.Model, EmbeddingDim = embedding?.Dimension };
                    _tracks.Insert(TrackDocuments.ToDocument(record, imported: embedding is not null, seq++));
                    if (embedding is null)
                    {
                        withoutEmbedding.Add(new ImportRowNote(row.SourceId, record.Path, row.MissingEmbeddingReason ?? "no embedding"));
                    }
                    else
                    {
                        _vectors.Upsert(TrackDocuments.ToVectorDocument(id, embedding));
                        byModel[embedding.Model] = byModel.GetValueOrDefault(embedding.Model) + 1;
                        styleVectors += embedding.StyleActivations is null ? 0 : 1;
                    }

                    if (!keepIds)
                    {
                        idChanges.Add(new ImportIdChange(row.SourceId, id));
                    }

                    imported++;
                    styleRows += record.Styles.Count;
                    committed.Add(record);
                    if (++inBatch == batchSize)
                    {
                        Commit();
                        _db.BeginTrans();
                    }
                }

                Commit();
            }
            catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY && current is not null)
            {
                _db.Rollback();
                throw new ImportException($"track {current.SourceId} ({current.Track.Path}) cannot be stored: {ex.Message}", ex);
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            return new ImportSummary
            {
                Imported = imported,
                KeptIds = keepIds,
                IdChanges = idChanges,
                ByModel = byModel,
                StyleRows = styleRows,
                StyleVectors = styleVectors,
                WithoutEmbedding = withoutEmbedding,
                Skipped = skipped,
            };
        }
    }

    private long ReadCounter(string name) => _meta.FindById(name) is { } doc ? doc["value"].AsInt64 : 1L;
}
