using System.CommandLine;
using Harmonie.Silo.Benchmarks;

namespace Harmonie.Silo.Cli;

/// <summary><c>harmonie bench …</c>: measurements whose output goes into docs/BENCHMARKS.md.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Run a benchmark and print its measurements.");
        foreach (var command in Benchmarks())
        {
            bench.Subcommands.Add(command);
        }

        return bench;
    }

    private static IEnumerable<Command> Benchmarks()
    {
        yield return VectorIndexBenchmark.CreateCommand();
    }
}
