namespace Harmonie.Engines.Dsp;

/// <summary>Analysis windows as Essentia defines them.</summary>
public static class WindowFunctions
{
    /// <summary>Symmetric Hann, 0.5 − 0.5·cos(2πi/(n−1)), not normalised (Essentia <c>Windowing(type=hann, normalized=false)</c>).</summary>
    public static float[] SymmetricHann(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        var window = new float[size];
        for (var i = 0; i < size; i++)
        {
            window[i] = (float)(0.5 - (0.5 * Math.Cos(2.0 * Math.PI * i / (size - 1))));
        }

        return window;
    }
}
