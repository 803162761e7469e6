using System.CommandLine;
using Harmonie.Bench;

var root = new RootCommand("harmonie-bench: measurements for docs/BENCHMARKS.md")
{
    DescriptorBenchmark.CreateCommand(),
    EmbeddingBenchmark.CreateCommand(),
    VectorIndexBenchmark.CreateCommand(),
    RescanBenchmark.CreateCommand(),
    TrackIndexBenchmark.CreateCommand(),
    HttpBenchmark.CreateCommand(),
    PlaylistBenchmark.CreateCommand(),
};
return await root.Parse(args).InvokeAsync();
