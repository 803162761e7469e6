using Harmonie.Silo.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Harmonie.Silo.Logging;

/// <summary>stderr logging at the configured level and format; framework chatter kept at warnings.</summary>
public static class LoggingSetup
{
    public static ILoggingBuilder AddHarmonieLogging(this ILoggingBuilder logging, HarmonieSettings settings)
    {
        logging.ClearProviders();
        if (settings.LogFormat == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz";
                o.UseUtcTimestamp = false;
            });
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        else
        {
            logging.AddConsole(o =>
            {
                o.FormatterName = HarmonieConsoleFormatter.FormatterName;
                o.LogToStandardErrorThreshold = LogLevel.Trace;
            });
            logging.AddConsoleFormatter<HarmonieConsoleFormatter, ConsoleFormatterOptions>();
        }

        var level = settings.LogLevel;
        logging.SetMinimumLevel(level);
        var framework = level <= LogLevel.Debug ? LogLevel.Information : LogLevel.Warning;
        logging.AddFilter("Orleans", framework);
        logging.AddFilter("Microsoft", framework);
        logging.AddFilter("Polly", framework);

        // Start-up notes about server GC and the watchdog's first tick are noise on a small machine.
        logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        if (!settings.IsClusterMember)
        {
            // On one node these report a busy CPU (a scan on 2 cores), not a sick cluster: nothing a user can act on.
            var quiet = level <= LogLevel.Debug ? LogLevel.Debug : LogLevel.Error;
            // LocalSiloHealthMonitor ("local health is degraded") lives in MembershipService, WorkItemGroup
            // ("took elapsed time ... longer than") in Scheduler; timer overshoot notes in the internal namespaces.
            foreach (var category in new[]
                     {
                         "Orleans.Runtime.MembershipService", "Orleans.Runtime.Scheduler", "Orleans.Runtime.Messaging",
                         "Orleans.Runtime.GrainDirectory", "Orleans.Runtime.Internal", "Orleans.Internal", "Orleans.Timers",
                     })
            {
                logging.AddFilter(category, quiet);
            }
        }

        return logging;
    }
}
