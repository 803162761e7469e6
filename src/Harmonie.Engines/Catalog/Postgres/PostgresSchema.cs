using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Harmonie.Engines.Catalog.Postgres;

/// <summary>
/// The cluster's PostgreSQL schema: catalog tables, and the tables and <c>OrleansQuery</c> rows that
/// Orleans' ADO.NET clustering and grain storage read (Invariant <c>Npgsql</c>). The script is
/// idempotent and applied in one transaction under an advisory lock, so silos starting together
/// apply it one after the other; a database newer than this build is refused unchanged.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The catalog schema version this build writes.</summary>
    public const int Version = 1;

    /// <summary>A fixed key for <c>pg_advisory_xact_lock</c> (also in the script's first statement).</summary>
    internal const long AdvisoryLockKey = 4841324913519542597;

    private const string ResourcePrefix = "Harmonie.Engines.Catalog.Postgres.Schema.";
    private const string VersionToken = "{{SchemaVersion}}";

    private static readonly Lazy<string> ScriptText = new(LoadScript);
    private static readonly Lazy<string> ScriptDigest = new(() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Script))));

    /// <summary>The whole script, for <c>harmonie db init --print</c> and <c>psql -1 -f</c>.</summary>
    public static string Script => ScriptText.Value;

    /// <summary>Creates or migrates the schema; returns the version the database had before (0 when new).</summary>
    /// <exception cref="CatalogVersionException">The database was written by a newer harmonie.</exception>
    public static async Task<int> ApplyAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ApplyAsync(string, CancellationToken)"/>
    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);

        var (found, digest) = await ReadStateAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (found > Version)
        {
            throw new CatalogVersionException(
                $"The PostgreSQL database {PostgresConnectionDescription.Describe(connection.ConnectionString)} has schema version {found}, " +
                $"but this harmonie only knows up to {Version}. Upgrade harmonie (or point it at another database); the database was not changed.");
        }

        // The common case, every silo start after the first: nothing to do, and no DDL locks taken.
        if (found == Version && digest == ScriptDigest.Value)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return found;
        }

        await ExecuteAsync(connection, transaction, Script, cancellationToken).ConfigureAwait(false);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO harmonie_meta (key, value) VALUES ('script_sha256', @digest) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            connection,
            transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string>("digest", ScriptDigest.Value));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>The schema version stored in a database (0 when it has none), without changing anything.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadStateAsync(connection, null, cancellationToken).ConfigureAwait(false)).Version;
    }

    private static async Task<(int Version, string? Digest)> ReadStateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('harmonie_meta') IS NOT NULL", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return (0, null);
            }
        }

        await using var read = new NpgsqlCommand(
            "SELECT (SELECT value FROM harmonie_meta WHERE key = 'schema_version'), (SELECT value FROM harmonie_meta WHERE key = 'script_sha256')",
            connection,
            transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var version = reader.IsDBNull(0) ? 0 : int.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture);
        return (version, reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string LoadScript()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        var parts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return reader.ReadToEnd().TrimEnd();
            });
        return string.Join("\n\n", parts).Replace(VersionToken, Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) + "\n";
    }
}
