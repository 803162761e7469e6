namespace Harmonie.Engines.Dsp;

/// <summary>Analysis windows for short-time spectra.</summary>
public static class WindowFunctions
{
    /// <summary>Periodic Hann window (0.5 − 0.5·cos(2πi/n)), the usual choice for overlapping STFT frames.</summary>
    public static float[] Hann(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return Build(size, size);
    }

    /// <summary>Symmetric Hann, 0.5 − 0.5·cos(2πi/(n−1)), not normalised (Essentia <c>Windowing(type=hann, normalized=false)</c>).</summary>
    public static float[] SymmetricHann(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        return Build(size, size - 1);
    }

    private static float[] Build(int size, int period)
    {
        var window = new float[size];
        for (var i = 0; i < size; i++)
        {
            window[i] = (float)(0.5 - (0.5 * Math.Cos(2.0 * Math.PI * i / period)));
        }

        return window;
    }
}
