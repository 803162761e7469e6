using System.Diagnostics;
using Harmonie.Engines.Catalog.Postgres;
using Harmonie.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Harmonie.Cluster.Tests;

/// <summary>
/// Two silos on one PostgreSQL prepared only by <see cref="PostgresSchema"/>: they form one cluster,
/// grain state written through one is read through the other, and the survivor serves it after the
/// first stops.
/// </summary>
public sealed class TwoSiloClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_silos_share_membership_and_grain_state_and_one_keeps_serving_when_the_other_stops()
    {
        var server = await PostgresTestServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("cluster");
        await PostgresSchema.ApplyAsync(connectionString, CancellationToken.None);
        const string clusterId = "two-silos";

        var errors = new ErrorLog();
        await using var a = await ClusterSilo.StartAsync(connectionString, clusterId, errors);
        await using var b = await ClusterSilo.StartAsync(connectionString, clusterId, errors);
        await EventuallyAsync(async () => await a.ActiveSilosAsync() == 2 && await b.ActiveSilosAsync() == 2, "both silos see two active silos");

        // Written through A (the grain prefers its caller's silo), read through B: one activation, on A.
        var written = await a.Grains.GetGrain<INoteGrain>("n1").WriteAsync("first");
        var seenFromB = await b.Grains.GetGrain<INoteGrain>("n1").ReadAsync();
        Assert.Equal(("first", written.Silo), (seenFromB.Text, seenFromB.Silo));

        // Deactivated, then called again: a new activation loads the state from PostgreSQL.
        await b.Grains.GetGrain<INoteGrain>("n1").DeactivateAsync();
        var reloaded = await EventuallyAsync(() => b.Grains.GetGrain<INoteGrain>("n1").ReadAsync(), s => s.Activation != written.Activation, "a new activation");
        Assert.Equal(("first", written.ETag, true), (reloaded.Text, reloaded.ETag, reloaded.RecordExists));
        var second = await b.Grains.GetGrain<INoteGrain>("n1").WriteAsync("second");
        Assert.NotEqual(written.ETag, second.ETag);

        // A grain active on A when A stops: B activates it again from storage and serves it.
        var onA = await a.Grains.GetGrain<INoteGrain>("n2").WriteAsync("kept");
        Assert.Equal(written.Silo, onA.Silo);
        await a.StopAsync();
        await EventuallyAsync(async () => await b.ActiveSilosAsync() == 1, "B sees A gone");
        var survivor = await b.Grains.GetGrain<INoteGrain>("n2").ReadAsync();
        Assert.Equal(("kept", onA.ETag, true), (survivor.Text, survivor.ETag, survivor.RecordExists));
        Assert.NotEqual(written.Silo, survivor.Silo);
        Assert.Equal("second", (await b.Grains.GetGrain<INoteGrain>("n1").ReadAsync()).Text);

        // A client that finds the cluster through the gateway list in PostgreSQL reaches B.
        using (var client = await StartClientAsync(connectionString, clusterId))
        {
            var viaGateway = await client.Services.GetRequiredService<IClusterClient>().GetGrain<INoteGrain>("n1").ReadAsync();
            Assert.Equal(("second", survivor.Silo), (viaGateway.Text, viaGateway.Silo));
            await client.StopAsync();
        }

        // Clearing keeps a row without payload; the deleting storage removes its row.
        await b.Grains.GetGrain<INoteGrain>("n1").WriteScratchAsync("scratch");
        Assert.Equal(3L, await CountRowsAsync(connectionString, "payloadbinary IS NOT NULL"));
        var cleared = await b.Grains.GetGrain<INoteGrain>("n1").ClearAsync();
        Assert.Equal(("", false), (cleared.Text, cleared.RecordExists));
        Assert.Equal(1L, await CountRowsAsync(connectionString, "payloadbinary IS NULL"));
        Assert.Equal(2L, await CountRowsAsync(connectionString, "true"));
        Assert.Empty(errors.Entries);
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ClusterSilo.ServiceId));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<long> CountRowsAsync(string connectionString, string condition)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM orleansstorage WHERE {condition}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what) =>
        await EventuallyAsync(condition, ok => ok, what);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"Waited {Patience} for {what}; last value {value}.");
            }

            await Task.Delay(200);
        }
    }
}
