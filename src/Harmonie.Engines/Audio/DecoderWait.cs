using System.Diagnostics;

namespace Harmonie.Engines.Audio;

/// <summary>
/// Accumulates the time an analysis spends waiting for its decoder: from process start to the header, then
/// each read of the pipe. Time spent in the sink (the analysis itself) is not counted.
/// </summary>
internal sealed class DecoderWait
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    public TimeSpan Total => _stopwatch.Elapsed;

    public void Pause() => _stopwatch.Stop();

    public void Resume() => _stopwatch.Start();
}
