namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Onset strength for tempo estimation, one value per spectral frame (86 per second) in three bands:
/// low (kick, bass: below 200 Hz), mid (snare, chords: 200 Hz–3 kHz) and high (hats, cymbals: above 3 kHz).
/// Each is the half-wave rectified rise of log band energies over quarter-octave bands, so loudness changes
/// of whole tracks do not change its shape.
/// </summary>
internal sealed class OnsetEnvelope : ISpectralFrameConsumer
{
    public const int LowBandLimitHz = 200;
    public const int HighBandStartHz = 3000;

    private const double FirstEdgeHz = 30;
    private const double LastEdgeHz = 16000;
    private const double BandsPerOctave = 4;

    // The log floor follows the track's average band energy so quiet passages do not become noise.
    private const double FloorRelative = 1e-4;
    private const double FloorSmoothing = 0.01;

    private readonly int[] _bandStart;
    private readonly int[] _bandEnd;
    private readonly int _lowBands;
    private readonly int _midBands;
    private readonly double[] _logEnergy;
    private readonly double[] _previousLogEnergy;
    private double _averageBandEnergy;
    private bool _hasPrevious;

    public OnsetEnvelope()
    {
        var starts = new List<int>();
        var ends = new List<int>();
        var binHz = 44100.0 / SpectralFrame.Size;
        var previousBin = (int)Math.Round(FirstEdgeHz / binHz);
        for (var edge = FirstEdgeHz * Math.Pow(2, 1 / BandsPerOctave); edge <= LastEdgeHz * 1.0001; edge *= Math.Pow(2, 1 / BandsPerOctave))
        {
            var bin = (int)Math.Round(edge / binHz);
            if (bin <= previousBin)
            {
                continue;
            }

            starts.Add(previousBin);
            ends.Add(bin);
            previousBin = bin;
        }

        _bandStart = [.. starts];
        _bandEnd = [.. ends];
        _lowBands = _bandEnd.Count(e => e * binHz <= LowBandLimitHz + (binHz / 2));
        _midBands = _bandEnd.Count(e => e * binHz <= HighBandStartHz + (binHz / 2)) - _lowBands;
        _logEnergy = new double[_bandStart.Length];
        _previousLogEnergy = new double[_bandStart.Length];
    }

    public List<float> Low { get; } = [];

    public List<float> Mid { get; } = [];

    public List<float> High { get; } = [];

    public int Count => Low.Count;

    public void Consume(SpectralFrame frame)
    {
        var power = frame.Power;
        var bands = _bandStart.Length;
        double frameMean = 0;
        for (var b = 0; b < bands; b++)
        {
            double e = 0;
            for (var k = _bandStart[b]; k < _bandEnd[b]; k++)
            {
                e += power[k];
            }

            _logEnergy[b] = e;
            frameMean += e;
        }

        frameMean /= bands;
        _averageBandEnergy = _averageBandEnergy > 0
            ? _averageBandEnergy + (FloorSmoothing * (frameMean - _averageBandEnergy))
            : frameMean;
        var floor = Math.Max(_averageBandEnergy * FloorRelative, 1e-12);
        for (var b = 0; b < bands; b++)
        {
            _logEnergy[b] = Math.Log(_logEnergy[b] + floor);
        }

        double low = 0, mid = 0, high = 0;
        if (_hasPrevious)
        {
            for (var b = 0; b < bands; b++)
            {
                var rise = _logEnergy[b] - _previousLogEnergy[b];
                if (rise <= 0)
                {
                    continue;
                }

                if (b < _lowBands)
                {
                    low += rise;
                }
                else if (b < _lowBands + _midBands)
                {
                    mid += rise;
                }
                else
                {
                    high += rise;
                }
            }
        }

        _logEnergy.CopyTo(_previousLogEnergy, 0);
        _hasPrevious = true;
        Low.Add((float)low);
        Mid.Add((float)mid);
        High.Add((float)high);
    }
}
