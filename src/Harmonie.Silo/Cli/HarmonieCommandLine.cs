using System.CommandLine;

namespace Harmonie.Silo.Cli;

/// <summary>The <c>harmonie</c> command line: every subcommand of the one executable; no subcommand means <c>serve</c>.</summary>
public static class HarmonieCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("harmonie: a self-hosted music similarity service")
        {
            ServeCommand.Create(),
            ScanCommand.Create(),
            StatusCommand.Create(),
            ScansCommand.Create(),
            ImportCommand.Create(),
            DbCommand.Create(),
        };
        root.SetAction((_, ct) => ServeCommand.RunAsync(ct));
        // The host (serve) and the scan command handle SIGINT/SIGTERM themselves.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
