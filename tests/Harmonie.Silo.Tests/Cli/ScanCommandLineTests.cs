using Harmonie.TestSupport;

namespace Harmonie.Silo.Tests.Cli;

/// <summary><c>harmonie scan</c> as a user runs it: exit codes, named failures, Ctrl-C.</summary>
public sealed class ScanCommandLineTests : IDisposable
{
    private readonly TempDirectory _data = new("harmonie-cli");
    private readonly ToneLibrary _library = ToneLibrary.Create(3, seconds: 2);

    [Fact]
    public async Task Without_a_library_the_scan_says_so_and_exits_1()
    {
        var result = await ScanAsync(library: null);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("HARMONIE_LIBRARIES", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_library_folder_that_does_not_exist_is_an_error_naming_it()
    {
        var typo = _library.Root + "-typo";

        var result = await ScanAsync(typo);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"no library root is reachable: {typo}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_files_are_named_and_only_new_failures_fail_the_command()
    {
        var corrupt = _library.PathOf("corrupt.mp3");
        File.WriteAllBytes(corrupt, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))]);

        var first = await ScanAsync(_library.Root);
        var second = await ScanAsync(_library.Root);
        File.AppendAllText(corrupt, "changed");
        var third = await ScanAsync(_library.Root);

        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.Contains("Failed (1):", first.Stderr, StringComparison.Ordinal);
        Assert.Contains($"  {corrupt}: ffmpeg could not decode the file", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("Failed: 1", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Still failing, unchanged since scan 1 (1):", second.Stderr, StringComparison.Ordinal);
        Assert.True(third.ExitCode == 2, third.ToString());
    }

    [Fact]
    public async Task Ctrl_c_cancels_the_scan_and_exits_130()
    {
        using var big = ToneLibrary.Create(40, seconds: 8, prefix: "harmonie-cli-big");

        var result = await ScanAsync(big.Root, interruptWhen: line => line.Contains("scan: extracting", StringComparison.Ordinal));

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("scan: cancelling", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _library.Dispose();
        _data.Dispose();
    }

    private Task<CliResult> ScanAsync(string? library, Func<string, bool>? interruptWhen = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["HARMONIE_DATA_DIR"] = _data.Path,
            ["HARMONIE_WORKERS"] = "1",
            ["HARMONIE_SILO_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HARMONIE_GATEWAY_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HARMONIE_MODELS_DIR"] = Path.Combine(_data.Path, "no-models"),
            ["HARMONIE_LOG_LEVEL"] = "WARNING",
        };
        if (library is not null)
        {
            settings["HARMONIE_LIBRARIES"] = library;
        }

        return HarmonieCli.RunAsync(_data.Path, settings, ["scan"], interruptWhen);
    }
}
