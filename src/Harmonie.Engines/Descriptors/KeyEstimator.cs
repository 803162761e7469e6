using Harmonie.Engines.Dsp;

namespace Harmonie.Engines.Descriptors;

/// <summary>
/// Key from a pitch-class profile: 4096-sample Hann frames (hop 4096, as Essentia's KeyExtractor), spectral
/// peaks between 60 Hz and 5 kHz (magnitude-weighted, so one loud bass note does not outweigh the chords)
/// mapped to 36 pitch bins (a third of a semitone, A = 440 Hz) with a cosine-squared window, each frame
/// normalised to its maximum and summed; folded to 12 classes and correlated with the major and minor
/// profiles of Temperley (MIREX 2005) and Aarden, averaged: two corpus profiles agree more often than either.
/// Strength is that correlation (0–1).
/// </summary>
internal sealed class KeyEstimator
{
    private const int FrameSize = 4096;
    private const int HopSize = 4096;
    private const int BinsPerSemitone = 3;
    private const int PitchBins = 12 * BinsPerSemitone;

    // Below 60 Hz sit kick drums and bass rumble whose pitch is unreliable; above 5 kHz little is tonal.
    private const double MinFrequency = 60;
    private const double MaxFrequency = 5000;
    private const int MaxPeaks = 60;
    private const double ReferenceHz = 440;

    private readonly SlidingFramer _framer = new(FrameSize, HopSize);
    private readonly float[] _window = WindowFunctions.Hann(FrameSize);
    private readonly float[] _windowed = new float[FrameSize];
    private readonly float[] _magnitude = new float[(FrameSize / 2) + 1];
    private readonly RealFft _fft = new(FrameSize);
    private readonly double[] _framePcp = new double[PitchBins];
    private readonly double[] _trackPcp = new double[PitchBins];
    private readonly List<(double Frequency, double Magnitude)> _peaks = new(256);
    private readonly Action<float[]> _onFrame;
    private int _frames;

    public KeyEstimator() => _onFrame = Analyse;

    public void Write(ReadOnlySpan<float> samples) => _framer.Write(samples, _onFrame);

    public KeyEstimate? Complete()
    {
        _framer.Flush(_onFrame, HopSize / 4);
        double total = 0;
        foreach (var v in _trackPcp)
        {
            total += v;
        }

        if (!(total > 0))
        {
            return null;
        }

        // Fold the 36 bins to 12 classes centred on the equal-tempered pitches (bin 3i is pitch class i).
        var chroma = new double[12];
        for (var i = 0; i < PitchBins; i++)
        {
            var pc = (((i + 1) / BinsPerSemitone) % 12);
            chroma[pc] += _trackPcp[i];
        }

        var bestCorrelation = double.NegativeInfinity;
        var bestTonic = 0;
        var bestMinor = false;
        for (var tonic = 0; tonic < 12; tonic++)
        {
            var cMajor = (Correlation(chroma, KeyProfiles.Temperley2005Major, tonic) + Correlation(chroma, KeyProfiles.AardenMajor, tonic)) / 2;
            if (cMajor > bestCorrelation)
            {
                bestCorrelation = cMajor;
                bestTonic = tonic;
                bestMinor = false;
            }

            var cMinor = (Correlation(chroma, KeyProfiles.Temperley2005Minor, tonic) + Correlation(chroma, KeyProfiles.AardenMinor, tonic)) / 2;
            if (cMinor > bestCorrelation)
            {
                bestCorrelation = cMinor;
                bestTonic = tonic;
                bestMinor = true;
            }
        }

        if (!double.IsFinite(bestCorrelation))
        {
            return null;
        }

        return new KeyEstimate(KeyNames.FromA[bestTonic], bestMinor ? "minor" : "major", Math.Clamp(bestCorrelation, 0, 1));
    }

    private static double Correlation(double[] chroma, double[] profile, int tonic)
    {
        double meanC = 0, meanP = 0;
        for (var i = 0; i < 12; i++)
        {
            meanC += chroma[i];
            meanP += profile[i];
        }

        meanC /= 12;
        meanP /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 12; i++)
        {
            var x = chroma[(i + tonic) % 12] - meanC;
            var y = profile[i] - meanP;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    private void Analyse(float[] samples)
    {
        for (var i = 0; i < FrameSize; i++)
        {
            _windowed[i] = samples[i] * _window[i];
        }

        _fft.Magnitude(_windowed, _magnitude);
        _frames++;
        FindPeaks();
        if (_peaks.Count == 0)
        {
            return;
        }

        Array.Clear(_framePcp);
        foreach (var (frequency, magnitude) in _peaks)
        {
            var semitones = 12 * Math.Log2(frequency / ReferenceHz);
            var position = semitones * BinsPerSemitone;
            var centre = (int)Math.Round(position);
            for (var bin = centre - 1; bin <= centre + 1; bin++)
            {
                var distance = (position - bin) / BinsPerSemitone;
                if (Math.Abs(distance) > 0.5)
                {
                    continue;
                }

                var weight = Math.Cos(Math.PI * distance);
                weight *= weight;
                _framePcp[((bin % PitchBins) + PitchBins) % PitchBins] += weight * magnitude;
            }
        }

        var max = _framePcp.Max();
        if (max > 0)
        {
            for (var i = 0; i < PitchBins; i++)
            {
                _trackPcp[i] += _framePcp[i] / max;
            }
        }
    }

    private void FindPeaks()
    {
        _peaks.Clear();
        var binHz = 44100.0 / FrameSize;
        var first = Math.Max(1, (int)Math.Ceiling(MinFrequency / binHz));
        var last = Math.Min(_magnitude.Length - 2, (int)Math.Floor(MaxFrequency / binHz));
        float frameMax = 0;
        for (var k = first; k <= last; k++)
        {
            frameMax = Math.Max(frameMax, _magnitude[k]);
        }

        if (!(frameMax > 1e-6f))
        {
            return;
        }

        var threshold = frameMax * 1e-3f;
        for (var k = first; k <= last; k++)
        {
            var m = _magnitude[k];
            if (m > threshold && m > _magnitude[k - 1] && m >= _magnitude[k + 1])
            {
                // Parabolic interpolation on log magnitude: the Hann main lobe is close to a parabola in dB.
                var a = Math.Log(_magnitude[k - 1] + 1e-12);
                var b = Math.Log(m);
                var c = Math.Log(_magnitude[k + 1] + 1e-12);
                var denominator = a - (2 * b) + c;
                var offset = denominator < 0 ? 0.5 * (a - c) / denominator : 0;
                var peakLog = b - (0.25 * (a - c) * offset);
                _peaks.Add(((k + offset) * binHz, Math.Exp(peakLog)));
            }
        }

        if (_peaks.Count > MaxPeaks)
        {
            _peaks.Sort((x, y) => y.Magnitude.CompareTo(x.Magnitude));
            _peaks.RemoveRange(MaxPeaks, _peaks.Count - MaxPeaks);
        }
    }
}
