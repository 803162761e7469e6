using System.CommandLine;

namespace Harmonie.Silo.Cli;

/// <summary>The <c>harmonie</c> command line: every subcommand of the one executable.</summary>
public static class HarmonieCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("harmonie: music similarity service");
        root.Subcommands.Add(BenchCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
