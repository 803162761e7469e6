using System.CommandLine;
using Harmonie.Bench;

var root = new RootCommand("harmonie-bench: measurements for docs/BENCHMARKS.md")
{
    DescriptorBenchmark.CreateCommand(),
    EmbeddingBenchmark.CreateCommand(),
    VectorIndexBenchmark.CreateCommand(),
};
return await root.Parse(args).InvokeAsync();
