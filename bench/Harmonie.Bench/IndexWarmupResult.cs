namespace Harmonie.Bench;

/// <summary>Seconds (from the host start) until each stage of <see cref="IndexWarmup"/>; Snapshot is null when not awaited.</summary>
public sealed record IndexWarmupResult(double FirstAnswer, double FullAnswer, double AllVectors, double? Snapshot);
