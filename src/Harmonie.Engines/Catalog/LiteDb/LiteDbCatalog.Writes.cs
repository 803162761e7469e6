using Harmonie.Analysis;
using Harmonie.Tracks;
using LiteDB;

namespace Harmonie.Engines.Catalog.LiteDb;

public sealed partial class LiteDbCatalog
{
    private const string NextTrackIdKey = "next_track_id";
    private const string NextScanIdKey = "next_scan_id";
    private const string SequenceKey = "seq";

    public Task<TrackRecord> SaveAnalysisAsync(TrackWrite write, CancellationToken cancellationToken) =>
        Task.FromResult(Write(changes =>
        {
            var existing = FindByPath(write.Path);
            var before = existing is null ? null : TrackDocuments.ToRecord(existing);
            var embedding = write.Result.Embedding;
            var record = new TrackRecord
            {
                Id = before?.Id ?? NextCounter(NextTrackIdKey),
                Path = write.Path,
                LibraryRoot = write.Location.LibraryRoot,
                RelativePath = write.Location.RelativePath,
                Size = write.Size,
                Mtime = write.Mtime,
                Duration = write.Result.Duration,
                Model = embedding?.Model,
                EmbeddingDim = embedding?.Dimension,
                DescriptorVersion = write.DescriptorVersion,
                Tags = write.Result.Tags,
                Descriptors = write.Result.Descriptors,
                Styles = write.Result.Styles,
                AnalyzedAt = write.AnalyzedAt,
                Fingerprint = write.Result.Fingerprint ?? before?.Fingerprint,
            };
            _tracks.Upsert(TrackDocuments.ToDocument(record, imported: false, NextCounter(SequenceKey)));
            if (embedding is null)
            {
                _vectors.Delete(record.Id);
            }
            else
            {
                _vectors.Upsert(TrackDocuments.ToVectorDocument(record.Id, embedding));
            }

            changes.Add((before, record));
            return record;
        }));

    public Task<TrackRecord?> RefreshDescriptorsAsync(string path, AnalysisResult result, double analyzedAt, CancellationToken cancellationToken) =>
        Task.FromResult(Write(changes =>
        {
            if (FindByPath(path) is not { } doc)
            {
                return null;
            }

            var before = TrackDocuments.ToRecord(doc);
            var record = before with
            {
                Duration = result.Duration,
                Tags = result.Tags,
                Descriptors = result.Descriptors,
                DescriptorVersion = AnalysisVersions.Descriptors,
                AnalyzedAt = analyzedAt,
            };
            _tracks.Update(TrackDocuments.ToDocument(record, IsImported(doc), NextCounter(SequenceKey)));
            changes.Add((before, record));
            return record;
        }));

    public Task<bool> RelocateAsync(long id, string fromRoot, TrackLocation location, double? mtime, string? fingerprint, CancellationToken cancellationToken) =>
        Task.FromResult(Write(changes =>
        {
            if (_tracks.FindById(id) is not { } doc || doc["library_root"] != fromRoot || FindByPath(location.Path) is not null)
            {
                return false;
            }

            var before = TrackDocuments.ToRecord(doc);
            var record = before with
            {
                Path = location.Path,
                LibraryRoot = location.LibraryRoot,
                RelativePath = location.RelativePath,
                Mtime = mtime ?? before.Mtime,
                Fingerprint = fingerprint ?? before.Fingerprint,
            };
            _tracks.Update(TrackDocuments.ToDocument(record, IsImported(doc), NextCounter(SequenceKey)));
            changes.Add((before, record));
            return true;
        }));

    public Task<bool> SetFingerprintAsync(long id, string fingerprint, long size, double mtime, CancellationToken cancellationToken) =>
        Task.FromResult(Write(_ =>
        {
            if (_tracks.FindById(id) is not { } doc)
            {
                return false;
            }

            var record = TrackDocuments.ToRecord(doc);
            if (!new Library.FileStat(size, mtime).Matches(record.Size, record.Mtime))
            {
                return false;
            }

            doc["fingerprint"] = fingerprint;
            return _tracks.Update(doc);
        }));

    public Task<IReadOnlyList<TrackRecord>> DeleteTracksAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TrackRecord>>(Write(changes =>
        {
            var deleted = new List<TrackRecord>();
            foreach (var id in ids)
            {
                if (_tracks.FindById(id) is not { } doc)
                {
                    continue;
                }

                var record = TrackDocuments.ToRecord(doc);
                _tracks.Delete(id);
                _vectors.Delete(id);
                _tombstones.Insert(new BsonDocument
                {
                    ["track_id"] = id,
                    ["model"] = record.Model,
                    ["seq"] = NextCounter(SequenceKey),
                });
                changes.Add((record, null));
                deleted.Add(record);
            }

            return deleted;
        }));

    private static bool IsImported(BsonDocument doc) => doc["imported"].IsBoolean && doc["imported"].AsBoolean;

    /// <summary>Runs one write transaction; totals change only once it has committed.</summary>
    private T Write<T>(Func<List<(TrackRecord? Before, TrackRecord? After)>, T> action)
    {
        lock (_writeGate)
        {
            var changes = new List<(TrackRecord? Before, TrackRecord? After)>();
            _db.BeginTrans();
            T result;
            try
            {
                result = action(changes);
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            foreach (var (before, after) in changes)
            {
                _totals.Replace(before, after);
            }

            return result;
        }
    }

    /// <summary>Returns the counter's value and advances it; ids and sequence numbers are never reused.</summary>
    private long NextCounter(string name)
    {
        var value = _meta.FindById(name) is { } doc ? doc["value"].AsInt64 : 1L;
        _meta.Upsert(new BsonDocument { ["_id"] = name, ["value"] = value + 1 });
        return value;
    }
}
