namespace Harmonie.Silo.Tests.Import;

/// <summary>Tests that set process environment variables: run after, never beside, the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
