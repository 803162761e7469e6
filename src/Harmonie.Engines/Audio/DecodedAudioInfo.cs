namespace Harmonie.Engines.Audio;

/// <summary>What a decode produced: the source format and how many mono samples reached the sink.</summary>
public sealed record DecodedAudioInfo(int SourceSampleRate, int SourceChannels, int SampleRate, long SampleCount)
{
    public double DurationSeconds => SampleCount / (double)SampleRate;
}
