namespace Harmonie.Engines.Dsp;

/// <summary>Analysis windows for short-time spectra.</summary>
public static class WindowFunctions
{
    /// <summary>Periodic Hann window (0.5 − 0.5·cos(2πi/n)), the usual choice for overlapping STFT frames.</summary>
    public static float[] Hann(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var window = new float[size];
        for (var i = 0; i < size; i++)
        {
            window[i] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / size)));
        }

        return window;
    }
}
