using Harmonie.Silo.Configuration;
using Harmonie.Silo.Logging;
using Harmonie.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harmonie.Silo.Tests.Logging;

public sealed class LoggingSetupTests
{
    private const string HealthMonitor = "Orleans.Runtime.MembershipService.LocalSiloHealthMonitor";
    private const string WorkItems = "Orleans.Runtime.Scheduler.WorkItemGroup";

    [Fact]
    public void On_one_node_orleans_self_monitoring_warnings_are_hidden_and_harmonie_warnings_are_kept()
    {
        var logs = Log(cluster: false);

        Assert.Equal(["Harmonie.Grains.Tracks.TrackGrain", "Orleans.Runtime.Catalog"], logs.Select(l => l.Category));
    }

    [Fact]
    public void In_a_cluster_health_warnings_are_kept_they_may_mean_a_sick_node()
    {
        var logs = Log(cluster: true);

        Assert.Contains(logs, l => l.Category == HealthMonitor);
        Assert.Contains(logs, l => l.Category == WorkItems);
    }

    private static IReadOnlyList<CapturedLog> Log(bool cluster)
    {
        var capture = new CapturingLoggerProvider();
        var settings = new HarmonieSettings
        {
            DataDir = "/tmp",
            ModelsDirs = [],
            Postgres = cluster ? "Host=localhost" : null,
        };
        using var services = new ServiceCollection()
            .AddLogging(b => b.AddHarmonieLogging(settings).AddProvider(capture))
            .BuildServiceProvider();
        var factory = services.GetRequiredService<ILoggerFactory>();
        factory.CreateLogger(HealthMonitor).LogWarning("Self-monitoring determined that local health is degraded");
        factory.CreateLogger(WorkItems).LogWarning("Task took elapsed time 00:00:00.4 for execution, which is longer than 00:00:00.2");
        factory.CreateLogger("Harmonie.Grains.Tracks.TrackGrain").LogWarning("Could not analyse /m/a.mp3: broken");
        factory.CreateLogger("Orleans.Runtime.Catalog").LogWarning("a real Orleans warning");
        return capture.Entries;
    }
}
