namespace Harmonie.Engines.Descriptors;

/// <summary>
/// One analysed frame of the shared front end (1024-sample Hann frames, hop 512, 44.1 kHz): complex
/// spectrum, magnitude and power, computed once and read by every estimator that needs them.
/// </summary>
internal sealed class SpectralFrame
{
    public const int Size = 1024;
    public const int Hop = 512;
    public const int Bins = (Size / 2) + 1;
    public const double FrameRate = 44100.0 / Hop;

    public float[] Real { get; } = new float[Bins];

    public float[] Imaginary { get; } = new float[Bins];

    public float[] Magnitude { get; } = new float[Bins];

    public float[] Power { get; } = new float[Bins];

    /// <summary>Index of this frame in the track (frame k starts at sample k·512).</summary>
    public long Index { get; set; }
}
