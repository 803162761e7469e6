using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Descriptors;

/// <summary>
/// ReplayGain 1.0 as Essentia computes it: equal-loudness filter, mean power in 50 ms blocks, the 95th
/// percentile block in dB, subtracted from the pink-noise reference. Keeps one float per block (20 per
/// second), so an hour costs 288 kB.
/// </summary>
internal sealed class ReplayGainMeter
{
    // Essentia's calibration: the 95th-percentile level of ReplayGain's reference pink noise.
    private const double ReferenceLevelDb = -31.492595672607422;

    // Below this block power (−100 dB) the track is digital silence and has no meaningful gain.
    private const double SilencePower = 1e-10;

    private const int BlockSize = 2205;
    private const int ChunkSize = 4096;

    private readonly EqualLoudnessFilter _filter = new();
    private readonly double[] _chunk = new double[ChunkSize];
    private readonly List<float> _blockPowers = [];
    private double _blockSum;
    private int _blockFill;

    public void Write(ReadOnlySpan<float> samples)
    {
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, ChunkSize);
            var chunk = _chunk.AsSpan(0, count);
            for (var i = 0; i < count; i++)
            {
                chunk[i] = samples[i];
            }

            _filter.Process(chunk);
            for (var i = 0; i < count; i++)
            {
                _blockSum += chunk[i] * chunk[i];
                if (++_blockFill == BlockSize)
                {
                    _blockPowers.Add((float)(_blockSum / BlockSize));
                    _blockSum = 0;
                    _blockFill = 0;
                }
            }

            samples = samples[count..];
        }
    }

    /// <summary>Gain in dB, or null when the signal is shorter than one block or digitally silent.</summary>
    public double? Complete()
    {
        if (_blockPowers.Count == 0)
        {
            return null;
        }

        var powers = _blockPowers.ToArray();
        Array.Sort(powers);
        var percentile = (double)powers[(int)(0.95 * powers.Length)];
        if (!(percentile > SilencePower) || double.IsInfinity(percentile))
        {
            return null;
        }

        return ReferenceLevelDb - (10 * Math.Log10(percentile));
    }
}
