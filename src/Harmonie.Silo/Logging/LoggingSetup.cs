using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Harmonie.Silo.Logging;

/// <summary>stderr logging in the harmonie format at the configured level; framework chatter kept at warnings.</summary>
public static class LoggingSetup
{
    public static ILoggingBuilder AddHarmonieLogging(this ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddConsole(o =>
        {
            o.FormatterName = HarmonieConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        logging.AddConsoleFormatter<HarmonieConsoleFormatter, ConsoleFormatterOptions>();
        logging.SetMinimumLevel(level);
        var framework = level <= LogLevel.Debug ? LogLevel.Information : LogLevel.Warning;
        logging.AddFilter("Orleans", framework);
        logging.AddFilter("Microsoft", framework);
        logging.AddFilter("Polly", framework);

        // Start-up notes about server GC and the watchdog's first tick are noise on a small machine.
        logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        return logging;
    }
}
