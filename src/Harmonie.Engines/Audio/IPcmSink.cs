namespace Harmonie.Engines.Audio;

/// <summary>Consumes decoded mono PCM block by block, so no stage needs the whole file in memory.</summary>
public interface IPcmSink
{
    void Write(ReadOnlySpan<float> samples);
}
