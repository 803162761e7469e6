using Harmonie.Engines.Catalog;
using Harmonie.Engines.Catalog.Postgres;
using Harmonie.TestSupport;
using Npgsql;
using static Harmonie.Engines.Tests.Catalog.CatalogFixtures;

namespace Harmonie.Engines.Tests.Catalog;

/// <summary>The catalog contract on PostgreSQL (a fresh database per test), plus what a shared, multi-writer store must guarantee.</summary>
public sealed class PostgresCatalogTests : CatalogContractTests
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private string _connectionString = "";

    protected override string ExpectedLocation => PostgresConnectionDescription.Describe(_connectionString);

    public override async Task InitializeAsync()
    {
        var server = await PostgresTestServer.GetAsync();
        _connectionString = await server.CreateDatabaseAsync("catalog");
        await base.InitializeAsync();
    }

    [Fact]
    public async Task Two_catalogs_writing_at_once_keep_one_id_per_path_never_reuse_ids_and_keep_totals_exact()
    {
        using var second = await PostgresCatalog.OpenAsync(_connectionString, _ct);
        var catalogs = new[] { Catalog, second, Catalog, second };

        // 4 writers × 200 saves over 150 shared paths: most saves race another writer on the same row.
        var saved = await Task.WhenAll(catalogs.Select((catalog, writer) => Task.Run(async () =>
        {
            var mine = new List<(string Path, long Id)>();
            for (var i = 0; i < 200; i++)
            {
                var n = (i * 7 + writer * 13) % 150;
                var path = $"/lib/{n:000}.flac";
                var track = await catalog.SaveAnalysisAsync(Write(path, model: n % 2 == 0 ? "m1" : "m2", duration: n, size: 1000 + n), _ct);
                mine.Add((path, track.Id));
            }

            return mine;
        })));

        var idsByPath = saved.SelectMany(x => x).GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct().ToList());
        Assert.All(idsByPath, pair => Assert.Single(pair.Value));
        Assert.Equal(idsByPath.Count, idsByPath.Values.Select(ids => ids[0]).Distinct().Count());

        var stats = await second.GetStatsAsync(_ct);
        var paths = idsByPath.Keys.Select(p => int.Parse(Path.GetFileNameWithoutExtension(p), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(paths.Count, stats.Tracks);
        Assert.Equal(paths.Sum(n => (double)n), stats.TotalDurationSec);
        Assert.Equal(paths.Sum(n => 1000L + n), stats.TotalBytes);
        Assert.Equal(paths.Count(n => n % 2 == 0), stats.ByModel["m1"]);

        // Deleting concurrently from both, then saving again: the new ids are above every id ever handed out.
        var maxId = idsByPath.Values.Max(ids => ids[0]);
        var all = idsByPath.Values.Select(ids => ids[0]).ToList();
        var deleted = await Task.WhenAll(Catalog.DeleteTracksAsync(all, _ct), second.DeleteTracksAsync([.. Enumerable.Reverse(all)], _ct));
        Assert.Equal(all.Count, deleted.Sum(d => d.Count));
        var again = await second.SaveAnalysisAsync(Write("/lib/000.flac"), _ct);
        Assert.True(again.Id > maxId, $"id {again.Id} reused (max before {maxId})");
        Assert.Equal(1, (await Catalog.GetStatsAsync(_ct)).Tracks);
    }

    [Fact]
    public async Task Every_track_write_takes_a_new_change_number_and_deletes_leave_tombstones_after_them()
    {
        var a = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac"), _ct);
        var b = await Catalog.SaveAnalysisAsync(Write("/lib/b.flac"), _ct);
        var seqA = await SeqAsync(a.Id);
        await Catalog.SaveAnalysisAsync(Write("/lib/a.flac", bpm: 99), _ct);
        var seqA2 = await SeqAsync(a.Id);
        await Catalog.DeleteTracksAsync([b.Id], _ct);

        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var tombstone = dataSource.CreateCommand("SELECT track_id, model, seq FROM harmonie_tombstones");
        await using var reader = await tombstone.ExecuteReaderAsync(_ct);
        Assert.True(await reader.ReadAsync(_ct));
        Assert.Equal((b.Id, "m1"), (reader.GetInt64(0), reader.GetString(1)));
        Assert.True(seqA2 > seqA && reader.GetInt64(2) > seqA2, $"sequence {seqA} < {seqA2} < {reader.GetInt64(2)} expected");
    }

    [Fact]
    public async Task Applying_the_schema_again_and_from_several_silos_at_once_changes_nothing()
    {
        var track = await Catalog.SaveAnalysisAsync(Write("/lib/a.flac"), _ct);

        var versions = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(_connectionString, _ct))));

        Assert.All(versions, v => Assert.Equal(PostgresSchema.Version, v));
        var kept = await Catalog.GetTrackAsync(track.Id, _ct);
        Assert.Equal(track with { Styles = [] }, kept! with { Styles = [] });
        Assert.Equal(track.Styles, kept.Styles);
        Assert.Equal(1, (await Catalog.GetStatsAsync(_ct)).Tracks);
    }

    [Fact]
    public async Task The_schema_applies_concurrently_to_a_new_database_and_the_printed_script_is_idempotent()
    {
        var server = await PostgresTestServer.GetAsync();
        var fresh = await server.CreateDatabaseAsync("fresh");

        var versions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(fresh, _ct))));
        Assert.Equal(1, versions.Count(v => v == 0));

        // The script run by hand (as psql would) on an existing database is a no-op too.
        await using var dataSource = NpgsqlDataSource.Create(fresh);
        await using (var connection = await dataSource.OpenConnectionAsync(_ct))
        await using (var transaction = await connection.BeginTransactionAsync(_ct))
        {
            await using var script = new NpgsqlCommand(PostgresSchema.Script, connection, transaction);
            await script.ExecuteNonQueryAsync(_ct);
            await transaction.CommitAsync(_ct);
        }

        Assert.Equal(PostgresSchema.Version, await PostgresSchema.ReadVersionAsync(dataSource, _ct));
        Assert.Contains($"pg_advisory_xact_lock({PostgresSchema.AdvisoryLockKey})", PostgresSchema.Script);
        Assert.DoesNotContain("{{", PostgresSchema.Script);
        await using var queries = dataSource.CreateCommand("SELECT count(*) FROM orleansquery");
        Assert.Equal(14L, await queries.ExecuteScalarAsync(_ct));
    }

    [Fact]
    public async Task A_database_from_a_newer_harmonie_is_refused_unchanged()
    {
        await Catalog.SaveAnalysisAsync(Write("/lib/a.flac"), _ct);
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using (var bump = dataSource.CreateCommand("UPDATE harmonie_meta SET value = '99' WHERE key = 'schema_version'"))
        {
            await bump.ExecuteNonQueryAsync(_ct);
        }

        var error = await Assert.ThrowsAsync<CatalogVersionException>(() => PostgresCatalog.OpenAsync(_connectionString, _ct));

        Assert.Contains("99", error.Message);
        Assert.Contains("Upgrade harmonie", error.Message);
        Assert.DoesNotContain("assword", error.Message);
        Assert.Equal(99, await PostgresSchema.ReadVersionAsync(dataSource, _ct));

        // The script itself refuses too, for someone applying it by hand with psql.
        await using var script = dataSource.CreateCommand(PostgresSchema.Script);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => script.ExecuteNonQueryAsync(_ct));
        Assert.Contains("schema version 99", refused.MessageText);
    }

    [Fact]
    public void The_location_names_the_server_and_database_but_never_the_password()
    {
        var location = PostgresConnectionDescription.Describe("Host=db.example;Port=5433;Database=music;Username=harmonie;Password=s3cret");

        Assert.Equal("postgresql://harmonie@db.example:5433/music", location);
    }

    protected override async Task<ICatalog> OpenAsync() => await PostgresCatalog.OpenAsync(_connectionString, _ct);

    protected override int PreviousSchemaVersionOf(ICatalog catalog) => ((PostgresCatalog)catalog).PreviousSchemaVersion;

    protected override async Task AssertEmbeddingStoredApartAsync(long trackId)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var columns = dataSource.CreateCommand(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'harmonie_tracks' AND data_type = 'bytea'");
        Assert.Equal(0L, await columns.ExecuteScalarAsync(_ct));
        await using var vectors = dataSource.CreateCommand("SELECT octet_length(embedding) FROM harmonie_vectors WHERE track_id = @id");
        vectors.Parameters.Add(new NpgsqlParameter<long>("id", trackId));
        Assert.Equal(16, await vectors.ExecuteScalarAsync(_ct));
    }

    private async Task<long> SeqAsync(long id)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand("SELECT seq FROM harmonie_tracks WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        return (long)(await command.ExecuteScalarAsync(_ct))!;
    }
}
