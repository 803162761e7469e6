using System.Net;
using Harmonie.Engines.Catalog.Postgres;
using Harmonie.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace Harmonie.Cluster.Tests;

/// <summary>
/// The ADO.NET membership table over our script, call by call: every clustering query key, including
/// the etag rules that keep two silos from overwriting each other's view of the cluster.
/// </summary>
public sealed class MembershipTableContractTests
{
    [Fact]
    public async Task Membership_rows_change_only_against_the_current_table_version()
    {
        var server = await PostgresTestServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("membership");
        await PostgresSchema.ApplyAsync(connectionString, CancellationToken.None);
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = "contract", ServiceId = ClusterSilo.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var now = DateTime.UtcNow;
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 42),
            SiloName = "silo-a",
            HostName = "host-a",
            Status = SiloStatus.Active,
            ProxyPort = 30000,
            StartTime = now,
            IAmAliveTime = now,
        };
        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(entry, empty.Version.Next()));

        var afterInsert = await table.ReadRowAsync(entry.SiloAddress);
        var (row, etag) = Assert.Single(afterInsert.Members);
        Assert.Equal((entry.SiloAddress, "silo-a", "host-a", SiloStatus.Active, 30000), (row.SiloAddress, row.SiloName, row.HostName, row.Status, row.ProxyPort));
        Assert.Equal(entry.StartTime, row.StartTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, afterInsert.Version.Version);

        // A heartbeat changes the row but not the table version.
        entry.IAmAliveTime = now.AddSeconds(5);
        await table.UpdateIAmAliveAsync(entry);
        var afterHeartbeat = await table.ReadAllAsync();
        Assert.Equal(now.AddSeconds(5), Assert.Single(afterHeartbeat.Members).Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, afterHeartbeat.Version.Version);

        // An update needs the version it read; a stale one is refused and changes nothing.
        var suspect = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 7);
        entry.Status = SiloStatus.Dead;
        entry.AddOrUpdateSuspector(suspect, now, maxVotes: 2);
        Assert.False(await table.UpdateRowAsync(entry, empty.Version.VersionEtag, empty.Version.Next()));
        Assert.True(await table.UpdateRowAsync(entry, etag, afterHeartbeat.Version.Next()));
        var afterUpdate = await table.ReadAllAsync();
        var dead = Assert.Single(afterUpdate.Members).Item1;
        Assert.Equal(SiloStatus.Dead, dead.Status);
        Assert.Equal(suspect, Assert.Single(dead.SuspectTimes!).Item1);
        Assert.Equal(2, afterUpdate.Version.Version);

        // A second silo joins; cleanup then removes only the dead row older than the cut-off.
        var other = new MembershipEntry
        {
            SiloAddress = suspect,
            SiloName = "silo-b",
            HostName = "host-b",
            Status = SiloStatus.Active,
            ProxyPort = 30001,
            StartTime = now,
            IAmAliveTime = now,
        };
        Assert.True(await table.InsertRowAsync(other, afterUpdate.Version.Next()));
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        var afterCleanup = await table.ReadAllAsync();
        Assert.Equal(suspect, Assert.Single(afterCleanup.Members).Item1.SiloAddress);

        await table.DeleteMembershipTableEntriesAsync("contract");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var count = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM orleansmembershiptable) + (SELECT count(*) FROM orleansmembershipversiontable)");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
