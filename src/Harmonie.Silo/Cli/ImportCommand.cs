using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Harmonie.Engines.Catalog;
using Harmonie.Engines.Catalog.LiteDb;
using Harmonie.Engines.Import;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;

namespace Harmonie.Silo.Cli;

/// <summary>
/// <c>harmonie import &lt;path&gt; [--json]</c>: brings a Python harmonie database into this catalog
/// (docs/MIGRATING.md). Refuses while a server owns the data directory, reads the whole source once to
/// validate it, then imports every row or none. Exit code 0 on success, 1 when nothing was imported
/// because of bad input or a busy data directory, 130 when interrupted (nothing imported either).
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("path") { Description = "The Python harmonie's database file (usually harmonie.db)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var command = new Command("import", "Import a Python harmonie database: every track or none.") { source, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(
            "import", settings => RunWithSignalsAsync(settings, result.GetValue(source)!, result.GetValue(json))));
        return command;
    }

    /// <summary>Runs the import with explicit settings and writers (the testable core of the command).</summary>
    internal static async Task<int> RunAsync(
        HarmonieSettings settings, string sourcePath, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.IsClusterMember)
        {
            await error.WriteLineAsync("import: importing into the cluster's PostgreSQL catalog is not supported; import into an embedded catalog (unset HARMONIE_POSTGRES) — see docs/MIGRATING.md");
            return 1;
        }

        var catalogPath = Path.GetFullPath(settings.DbPath);
        try
        {
            return await ImportAsync(settings.DataDir, catalogPath, Path.GetFullPath(sourcePath), json, output, error, cancellationToken);
        }
        catch (Exception ex) when (ex is ImportException or CatalogVersionException)
        {
            await error.WriteLineAsync($"import: {ex.Message}");
            return 1;
        }
        catch (LiteDB.LiteException ex)
        {
            await error.WriteLineAsync($"import: cannot use the catalog {catalogPath}: {ex.Message}; nothing was imported");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"import: {ex.Message}; nothing was imported");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("import: interrupted; nothing was imported");
            return 130;
        }
    }

    /// <summary>The human summary: counts, then every id change, incomplete row and skipped row on a line of its own.</summary>
    internal static string Describe(string source, int schemaVersion, string catalogPath, ImportSummary summary)
    {
        var text = new StringBuilder();
        text.AppendLine($"Imported {summary.Imported} track(s) from {source} (schema version {schemaVersion}) into {catalogPath}.");
        foreach (var (model, count) in summary.ByModel)
        {
            text.AppendLine($"  {model}: {count}");
        }

        text.AppendLine($"Style rows: {summary.StyleRows}; style vectors: {summary.StyleVectors}.");
        if (summary.WithoutEmbedding.Count > 0)
        {
            text.AppendLine($"Without embedding: {summary.WithoutEmbedding.Count} (the next scan analyses these files again):");
            AppendRows(text, summary.WithoutEmbedding);
        }

        if (summary.KeptIds)
        {
            text.AppendLine("Track ids kept.");
        }
        else if (summary.IdChanges.Count > 0)
        {
            text.AppendLine("Track ids changed (old -> new):");
            foreach (var change in summary.IdChanges)
            {
                text.AppendLine($"{change.OldId} -> {change.NewId}");
            }
        }

        if (summary.Skipped.Count > 0)
        {
            text.AppendLine($"Skipped {summary.Skipped.Count} track(s):");
            AppendRows(text, summary.Skipped);
        }

        return text.ToString();
    }

    private static void AppendRows(StringBuilder text, IEnumerable<ImportRowNote> rows)
    {
        foreach (var row in rows)
        {
            text.AppendLine($"  track {row.SourceId} {row.Path}: {row.Message}");
        }
    }

    private static async Task<int> ImportAsync(
        string dataDir, string catalogPath, string source, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var dataLock = DataDirectoryLock.TryAcquire(dataDir);
        if (dataLock is null)
        {
            var owner = DataDirectoryLock.ReadServerUrl(dataDir) is { } url ? $"a harmonie server ({url})" : "another harmonie process";
            await error.WriteLineAsync($"import: {owner} is using {dataDir}; stop it, run the import, then start it again");
            return 1;
        }

        if (Problem(source, catalogPath) is { } problem)
        {
            await error.WriteLineAsync($"import: {problem}");
            return 1;
        }

        using var reader = PythonDatabaseReader.Open(source, cancellationToken);
        var preview = reader.Validate(cancellationToken);
        if (preview.Tracks == 0)
        {
            await output.WriteLineAsync($"Nothing to import: {source} has no tracks.");
            return 0;
        }

        var summary = await LiteDbCatalog.ImportIntoFileAsync(catalogPath, reader.ReadTracks(cancellationToken), cancellationToken);
        await output.WriteAsync(json
            ? JsonSerializer.Serialize(new ImportReport(source, reader.SchemaVersion, catalogPath, summary), ServerClient.Json) + Environment.NewLine
            : Describe(source, reader.SchemaVersion, catalogPath, summary));
        return 0;
    }

    /// <summary>A reason not to start, for mistakes the readers would report less clearly.</summary>
    private static string? Problem(string source, string catalogPath)
    {
        if (string.Equals(source, catalogPath, StringComparison.Ordinal))
        {
            return $"{source} is where this harmonie keeps its own catalog (HARMONIE_DATA_DIR/HARMONIE_DB_FILENAME). " +
                   $"Move the Python database first (with its -wal file if there is one), e.g. mv {source} {Path.ChangeExtension(source, ".python.db")}, " +
                   "and import it from there.";
        }

        return IsSqliteFile(catalogPath)
            ? $"{catalogPath} is an SQLite file (the Python harmonie's database?), not this harmonie's catalog. " +
              "Move it elsewhere and import it from there, or point HARMONIE_DATA_DIR at another folder."
            : null;
    }

    private static bool IsSqliteFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[16];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length && magic.SequenceEqual("SQLite format 3\0"u8);
    }

    /// <summary>Ctrl-C or SIGTERM cancels the import, which then leaves the catalog as it was.</summary>
    private static async Task<int> RunWithSignalsAsync(HarmonieSettings settings, string source, bool json)
    {
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await RunAsync(settings, source, json, Console.Out, Console.Error, stop.Token);
    }

    private sealed record ImportReport(string Source, int SchemaVersion, string Catalog, ImportSummary Summary);
}
