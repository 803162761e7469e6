namespace Harmonie.Web.Tests.Reliability;

/// <summary>Tests that measure the process (memory) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "isolated";
}
