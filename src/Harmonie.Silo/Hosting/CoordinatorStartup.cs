using Harmonie.Scanning;
using Microsoft.Extensions.Hosting;

namespace Harmonie.Silo.Hosting;

/// <summary>After the silo starts: initialise the scan coordinator (crash marking, schedule), then accept API calls.</summary>
public sealed class CoordinatorStartup(IGrainFactory grains, ServiceReadiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await grains.GetGrain<IScanCoordinatorGrain>(0).InitializeAsync();
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
