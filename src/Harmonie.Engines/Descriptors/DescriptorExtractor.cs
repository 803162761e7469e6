namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Computes the descriptor block (tempo, key, loudness, danceability, onset rate) from 44.1 kHz mono PCM.
/// Stateless and thread-safe: every <see cref="Begin"/> returns an independent session.
/// </summary>
public sealed class DescriptorExtractor : IDescriptorExtractor
{
    public IDescriptorSession Begin() => new DescriptorSession();
}
