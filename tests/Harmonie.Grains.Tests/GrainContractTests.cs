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

    /// <summary>
    /// Orleans' deserializer fills the member values a new instance starts with, so a default shared through a static
    /// (such as a <c>Zero</c> instance) would be overwritten for every later user: scan counters then carried over
    /// from one scan into the next.
    /// </summary>
    [Fact]
    public void No_serializable_type_starts_with_a_shared_serializable_member()
    {
        static bool Serializable(Type type) => type.GetCustomAttribute<GenerateSerializerAttribute>() is not null;
        var types = new[] { typeof(IScanCoordinatorGrain).Assembly, typeof(Harmonie.Grains.Scanning.ScanCoordinatorGrain).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => Serializable(t) && !t.IsAbstract && t.IsClass && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();

        var shared = from type in types
                     let first = Activator.CreateInstance(type)
                     let second = Activator.CreateInstance(type)
                     from property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
                     where Serializable(property.PropertyType) && property.GetIndexParameters().Length == 0
                     let value = property.GetValue(first)
                     where value is not null && ReferenceEquals(value, property.GetValue(second))
                     select $"{type.Name}.{property.Name}";

        Assert.Contains(types, t => t == typeof(ScanStatus));
        Assert.Empty(shared);
    }
}
