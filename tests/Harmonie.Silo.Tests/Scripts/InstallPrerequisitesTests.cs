using System.Diagnostics;
using Harmonie.TestSupport;

namespace Harmonie.Silo.Tests.Scripts;

public sealed class InstallPrerequisitesTests
{
    /// <summary>
    /// The check once read <c>ldconfig -p | grep -q</c> under pipefail and reported libgomp missing about one
    /// run in twenty (grep exits early, ldconfig dies of SIGPIPE); a user without root then could not start.
    /// </summary>
    [Fact]
    public async Task The_check_finds_libgomp_every_time()
    {
        var script = TestData.RepositoryFile("scripts", "install-prerequisites.sh");
        Assert.Contains("libgomp.so.1", await RunAsync("bash", "-c", "ldconfig -p")); // USearch needs it, so the test machine has it.

        for (var run = 0; run < 100; run++)
        {
            Assert.DoesNotContain("libgomp1", await RunAsync("bash", script, "--check"));
        }
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
