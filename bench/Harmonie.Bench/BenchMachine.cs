using System.Globalization;
using System.Runtime.InteropServices;

namespace Harmonie.Bench;

/// <summary>What a result was measured on: CPU, cores, memory, runtime and the current load (the VM is shared).</summary>
public static class BenchMachine
{
    public static string Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadFirst("/proc/meminfo", "MemTotal")?.Split(':', 2)[1].Trim() is { } total
            ? $"{long.Parse(total.Split(' ')[0], CultureInfo.InvariantCulture) / (1024.0 * 1024.0):F0} GB"
            : "? GB";
        return $"{cpu}, {Environment.ProcessorCount} cores, {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>The 1/5/15-minute load averages, e.g. "load 3.10 2.80 2.50".</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? "load " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load ?";

    public static string Header(string name) =>
        $"harmonie-bench {name}  {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z  {Describe()}  {Load()}";

    private static string? ReadFirst(string path, string prefix) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) : null;
}
