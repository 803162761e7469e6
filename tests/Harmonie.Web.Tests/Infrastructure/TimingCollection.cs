namespace Harmonie.Web.Tests.Infrastructure;

/// <summary>Tests that measure elapsed time: they run after the others, never beside them, on this 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
