namespace Harmonie.Engines.Audio;

/// <summary>The signal every analyser receives: mono float PCM at 44.1 kHz, as the original decoded it.</summary>
public static class AnalysisAudio
{
    public const int SampleRate = 44100;
}
