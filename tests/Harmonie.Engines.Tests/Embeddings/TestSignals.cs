namespace Harmonie.Engines.Tests.Embeddings;

/// <summary>Deterministic 44.1 kHz test music: a chord with a moving bass and a noise hit on every beat.</summary>
internal static class TestSignals
{
    public static float[] Music(double seconds, double bpm = 120, int seed = 1)
    {
        var random = new Random(seed);
        var x = new float[(int)(seconds * 44100)];
        var beat = 60.0 / bpm;
        for (var n = 0; n < x.Length; n++)
        {
            var t = n / 44100.0;
            var bass = 110 * Math.Pow(2, Math.Floor(t / (4 * beat)) % 3 / 12.0);
            var phase = t % beat;
            var hit = phase < 0.05 ? (random.NextDouble() - 0.5) * Math.Exp(-phase * 60) : 0;
            x[n] = (float)((0.2 * Math.Sin(2 * Math.PI * bass * t)) + (0.1 * Math.Sin(2 * Math.PI * 440 * t))
                + (0.08 * Math.Sin(2 * Math.PI * 554.37 * t)) + (0.06 * Math.Sin(2 * Math.PI * 659.25 * t)) + (0.6 * hit));
        }

        return x;
    }

    public static void Feed(Harmonie.Engines.Audio.IPcmSink sink, float[] samples, int block = 16384)
    {
        for (var start = 0; start < samples.Length; start += block)
        {
            sink.Write(samples.AsSpan(start, Math.Min(block, samples.Length - start)));
        }
    }
}
