using Harmonie.Silo.Cli;

namespace Harmonie.Silo.Tests.Cli;

public sealed class EtaEstimatorTests
{
    [Fact]
    public void The_time_left_follows_the_rate_since_extraction_began()
    {
        var clock = new ManualClock();
        var eta = new EtaEstimator(clock);

        eta.Observe("enumerating", 0, 0);
        clock.Advance(TimeSpan.FromMinutes(5)); // Enumeration time does not count.
        eta.Observe("extracting", 0, 100);
        clock.Advance(TimeSpan.FromSeconds(10));
        eta.Observe("extracting", 2, 100);
        Assert.Null(eta.Remaining()); // Too few files to estimate.

        clock.Advance(TimeSpan.FromSeconds(10));
        eta.Observe("extracting", 20, 100);

        Assert.Equal(TimeSpan.FromSeconds(80), eta.Remaining());
        Assert.Equal(", about 00:01:20 left", eta.Describe());
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
