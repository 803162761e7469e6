using System.Diagnostics;
using System.Globalization;
using Harmonie.Engines.Catalog.LiteDb;

namespace Harmonie.Bench;

/// <summary>
/// Puts a <see cref="SyntheticCatalog"/> into a data directory with <see cref="LiteDbCatalog.ImportIntoFileAsync"/>,
/// or reuses the directory when a previous run left the same catalog there (with its index snapshot).
/// </summary>
public static class SyntheticCatalogStore
{
    private const string MarkerFile = "synthetic-catalog.txt";

    /// <summary>Returns true when the directory was reused, false when the catalog was imported now.</summary>
    public static async Task<bool> EnsureAsync(string dataDir, string dbPath, SyntheticCatalog catalog, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(dataDir, MarkerFile);
        if (File.Exists(marker) && File.Exists(dbPath) && await File.ReadAllTextAsync(marker, cancellationToken) == catalog.Description)
        {
            Console.WriteLine($"catalog: reusing {dataDir} ({catalog.Description})");
            return true;
        }

        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        Directory.CreateDirectory(dataDir);
        var stopwatch = Stopwatch.StartNew();
        var summary = await LiteDbCatalog.ImportIntoFileAsync(dbPath, catalog.Tracks(), cancellationToken);
        await File.WriteAllTextAsync(marker, catalog.Description, cancellationToken);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"catalog: imported {summary.Imported:N0} tracks ({summary.StyleRows:N0} style rows) with ImportIntoFileAsync in {stopwatch.Elapsed.TotalSeconds:F1} s, {new FileInfo(dbPath).Length / 1e6:F0} MB"));
        return false;
    }
}
