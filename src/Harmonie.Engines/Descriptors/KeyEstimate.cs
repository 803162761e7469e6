namespace Harmonie.Engines.Descriptors;

/// <summary>A key: tonic spelled as Essentia does, <c>major</c>/<c>minor</c>, and a 0–1 strength.</summary>
internal sealed record KeyEstimate(string Key, string Scale, double Strength);
