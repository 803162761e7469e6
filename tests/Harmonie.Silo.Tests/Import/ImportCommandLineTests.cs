using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Silo.Cli;
using Harmonie.TestSupport;
using Harmonie.TestSupport.Import;

namespace Harmonie.Silo.Tests.Import;

/// <summary>Runs <c>harmonie import</c> through the real command line; it reads the process environment, so it runs alone.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ImportCommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new("harmonie-import-cli");

    [Fact]
    public async Task Harmonie_import_uses_the_configured_data_directory()
    {
        var source = _dir.Combine("harmonie.db");
        PythonDatabaseBuilder.Create(source, 3, PythonFixtures.Library());
        var dataDir = _dir.Combine("data");
        var previous = Environment.GetEnvironmentVariable("HARMONIE_DATA_DIR");
        Environment.SetEnvironmentVariable("HARMONIE_DATA_DIR", dataDir);
        int exit;
        try
        {
            exit = await HarmonieCommandLine.InvokeAsync(["import", source]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HARMONIE_DATA_DIR", previous);
        }

        Assert.Equal(0, exit);
        using var catalog = LiteDbCatalog.Open(Path.Combine(dataDir, "harmonie.db"));
        var stats = await catalog.GetStatsAsync(default);
        Assert.Equal(5, stats.Tracks);
        Assert.Equal(2, stats.ByModel[PythonFixtures.Tiny]);
    }

    public void Dispose() => _dir.Dispose();
}
