using Harmonie.Scanning;
using Microsoft.Extensions.Hosting;

namespace Harmonie.Silo.Hosting;

/// <summary>On shutdown, cancels a running scan and waits briefly so its history row records the cancellation.</summary>
public sealed class ScanShutdown(IGrainFactory grains) : IHostedService
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var coordinator = grains.GetGrain<IScanCoordinatorGrain>(0);
        try
        {
            if (!await coordinator.CancelAsync())
            {
                return;
            }

            var deadline = DateTime.UtcNow + Wait;
            while (DateTime.UtcNow < deadline && (await coordinator.GetStatusAsync()).State == ScanState.Scanning)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or OrleansException or TimeoutException)
        {
            // Shutting down anyway: the next start marks the scan as crashed.
        }
    }
}
