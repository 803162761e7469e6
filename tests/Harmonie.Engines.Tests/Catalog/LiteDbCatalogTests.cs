using Harmonie.Engines.Catalog;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.TestSupport;
using LiteDB;

namespace Harmonie.Engines.Tests.Catalog;

/// <summary>The catalog contract on the embedded LiteDB file, plus what only a file store has.</summary>
public sealed class LiteDbCatalogTests : CatalogContractTests
{
    private readonly TempDirectory _dir = new();

    protected override string ExpectedLocation => DbPath;

    private string DbPath => _dir.Combine("harmonie.db");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_database_from_a_newer_harmonie_is_refused_unchanged()
    {
        await base.DisposeAsync();
        using (var db = new LiteDatabase(DbPath))
        {
            db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "schema_version", ["value"] = 99 });
        }

        var error = Assert.Throws<CatalogVersionException>(() => LiteDbCatalog.Open(DbPath));

        Assert.Contains("99", error.Message);
        Assert.Contains("Upgrade harmonie", error.Message);
        Assert.Equal(99, LiteDbCatalog.ReadSchemaVersion(DbPath));
    }

    [Fact]
    public async Task Database_size_counts_the_journal_that_holds_data_not_yet_checkpointed()
    {
        for (var i = 0; i < 200; i++)
        {
            await Catalog.SaveAnalysisAsync(
                CatalogFixtures.Write($"/lib/{i}.flac", vector: [.. Enumerable.Range(0, 512).Select(j => (float)Math.Sin(i + j))]),
                CancellationToken.None);
        }

        var journal = LiteDbCatalog.JournalPath(DbPath);
        var onDisk = new FileInfo(DbPath).Length + (File.Exists(journal) ? new FileInfo(journal).Length : 0);

        var stats = await Catalog.GetStatsAsync(CancellationToken.None);

        Assert.Equal(onDisk, stats.DbSizeBytes);
        Assert.True(stats.DbSizeBytes > 200 * 512 * sizeof(float), $"{stats.DbSizeBytes} bytes for 200 512-d vectors");
    }

    protected override Task<ICatalog> OpenAsync() => Task.FromResult<ICatalog>(LiteDbCatalog.Open(DbPath));

    protected override int PreviousSchemaVersionOf(ICatalog catalog) => ((LiteDbCatalog)catalog).PreviousSchemaVersion;

    protected override Task AssertEmbeddingStoredApartAsync(long trackId)
    {
        Catalog.Dispose();
        using (var raw = new LiteDatabase($"Filename={DbPath};ReadOnly=true"))
        {
            Assert.False(raw.GetCollection("tracks").FindById(trackId).ContainsKey("embedding"));
        }

        return ReopenAsync();
    }
}
