using System.Globalization;

namespace Harmonie.Silo.Cli;

/// <summary>
/// Time left in the analysis phase from the rate since it began: files still to do divided by files done per
/// second. Says nothing until a few files are done, when the rate starts to mean something.
/// </summary>
public sealed class EtaEstimator(TimeProvider time)
{
    private const int MinimumDone = 3;
    private long _phaseStart;
    private long _doneAtStart;
    private string? _phase;
    private long _done;
    private long _total;

    public void Observe(string phase, long done, long total)
    {
        if (phase != _phase)
        {
            (_phase, _phaseStart, _doneAtStart) = (phase, time.GetTimestamp(), done);
        }

        (_done, _total) = (done, total);
    }

    /// <summary>The estimated time left, or null while there is too little to go on.</summary>
    public TimeSpan? Remaining()
    {
        var progressed = _done - _doneAtStart;
        if (_phase != "extracting" || progressed < MinimumDone || _total <= _done)
        {
            return null;
        }

        var perFile = time.GetElapsedTime(_phaseStart).TotalSeconds / progressed;
        return TimeSpan.FromSeconds(Math.Ceiling(perFile * (_total - _done)));
    }

    public string Describe() =>
        Remaining() is { } left ? string.Create(CultureInfo.InvariantCulture, $", about {left:hh\\:mm\\:ss} left") : string.Empty;
}
