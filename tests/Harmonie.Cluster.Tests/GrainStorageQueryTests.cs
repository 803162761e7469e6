using Harmonie.Engines.Catalog.Postgres;
using Harmonie.TestSupport;
using Npgsql;

namespace Harmonie.Cluster.Tests;

/// <summary>
/// The grain storage queries of our script run as the provider runs them (same keys, parameters and
/// result columns), on the cases a cluster produces rarely: a second activation writing a state that
/// another already created, stale versions, and very long string keys.
/// </summary>
public sealed class GrainStorageQueryTests
{
    private static readonly string LongKey = "/music/" + new string('x', 5000) + ".flac";

    [Fact]
    public async Task Writes_clears_and_deletes_succeed_only_against_the_stored_version()
    {
        var server = await PostgresTestServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("storage");
        await PostgresSchema.ApplyAsync(connectionString, CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        Assert.Equal(1, await RunAsync(dataSource, "WriteToStorageKey", version: null, payload: [1]));
        Assert.Null(await RunAsync(dataSource, "WriteToStorageKey", version: null, payload: [2]));
        Assert.Equal(2, await RunAsync(dataSource, "WriteToStorageKey", version: 1, payload: [3]));
        Assert.Null(await RunAsync(dataSource, "WriteToStorageKey", version: 1, payload: [4]));
        Assert.Equal((new byte[] { 3 }, 2), await ReadAsync(dataSource));

        Assert.Null(await RunAsync(dataSource, "ClearStorageKey", version: 1));
        Assert.Equal(3, await RunAsync(dataSource, "ClearStorageKey", version: 2));
        Assert.Equal((null, 3), await ReadAsync(dataSource));

        Assert.Null(await RunAsync(dataSource, "DeleteStorageKey", version: 2));
        Assert.Equal(4, await RunAsync(dataSource, "DeleteStorageKey", version: 3));
        Assert.Null(await ReadAsync(dataSource));
        Assert.Equal(1, await RunAsync(dataSource, "WriteToStorageKey", version: null, payload: [5]));
    }

    private static async Task<int?> RunAsync(NpgsqlDataSource dataSource, string key, int? version, byte[]? payload = null)
    {
        await using var command = await CommandAsync(dataSource, key);
        command.Parameters.Add(new NpgsqlParameter<int?>("GrainStateVersion", version));
        if (payload is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]>("PayloadBinary", payload));
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? null : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(byte[]? Payload, int Version)?> ReadAsync(NpgsqlDataSource dataSource)
    {
        await using var command = await CommandAsync(dataSource, "ReadFromStorageKey");
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var row = (reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt32(1));
        Assert.False(await reader.ReadAsync());
        return row;
    }

    /// <summary>A command with the provider's query text and the grain key parameters it always binds.</summary>
    private static async Task<NpgsqlCommand> CommandAsync(NpgsqlDataSource dataSource, string key)
    {
        await using var lookup = dataSource.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = @key");
        lookup.Parameters.Add(new NpgsqlParameter<string>("key", key));
        var command = dataSource.CreateCommand((string)(await lookup.ExecuteScalarAsync())!);
        command.Parameters.Add(new NpgsqlParameter<int>("GrainIdHash", 12345));
        command.Parameters.Add(new NpgsqlParameter<long>("GrainIdN0", 0L));
        command.Parameters.Add(new NpgsqlParameter<long>("GrainIdN1", 0L));
        command.Parameters.Add(new NpgsqlParameter<int>("GrainTypeHash", 678));
        command.Parameters.Add(new NpgsqlParameter<string>("GrainTypeString", "harmonie.TrackGrain"));
        command.Parameters.Add(new NpgsqlParameter<string>("GrainIdExtensionString", LongKey));
        command.Parameters.Add(new NpgsqlParameter<string>("ServiceId", ClusterSilo.ServiceId));
        return command;
    }
}
