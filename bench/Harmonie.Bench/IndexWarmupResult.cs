namespace Harmonie.Bench;

/// <summary>
/// Seconds (from the host start) until each stage of <see cref="IndexWarmup"/>; Snapshot is null when not awaited.
/// FullAnswerCpu: process CPU seconds spent until the full answer (all threads; other processes' load does not inflate it).
/// </summary>
public sealed record IndexWarmupResult(double FirstAnswer, double FullAnswer, double FullAnswerCpu, double AllVectors, double? Snapshot);
