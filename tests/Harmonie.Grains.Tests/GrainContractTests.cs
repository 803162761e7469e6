using System.Reflection;
using Harmonie.Scanning;

namespace Harmonie.Grains.Tests;

public sealed class GrainContractTests
{
    /// <summary>A longer timeout makes Orleans drop the request as expired once it crosses the network.</summary>
    private static readonly TimeSpan LongestDeliverableTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    [Fact]
    public void Every_response_timeout_survives_a_network_hop()
    {
        var timeouts = typeof(IScanCoordinatorGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", m.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout))
            .Where(m => m.Timeout is not null)
            .ToList();

        Assert.NotEmpty(timeouts);
        Assert.All(timeouts, m => Assert.True(m.Timeout < LongestDeliverableTimeout, $"{m.Method}: {m.Timeout}"));
    }
}
