using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Harmonie.TestSupport;

namespace Harmonie.Silo.Tests.Cli;

/// <summary>What stops the service from starting properly is said plainly, and it exits instead of half-starting.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly TempDirectory _data = new("harmonie-ports");

    [Theory]
    [InlineData("HARMONIE_SILO_PORT")]
    [InlineData("HARMONIE_PORT")]
    public async Task Serve_refuses_a_port_another_process_listens_on(string variable)
    {
        var taken = new TcpListener(IPAddress.Loopback, FreePort.Next());
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
            var settings = new Dictionary<string, string>
            {
                ["HARMONIE_DATA_DIR"] = _data.Path,
                ["HARMONIE_HOST"] = "127.0.0.1",
                ["HARMONIE_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["HARMONIE_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["HARMONIE_SCAN_ON_STARTUP"] = "false",
            };
            settings[variable] = port;

            var result = await HarmonieCli.RunAsync(_data.Path, settings, ["serve"], timeout: TimeSpan.FromSeconds(60));

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains($"{variable} is {port}, but 127.0.0.1:{port} is already in use", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_written_is_named_as_such()
    {
        // procfs refuses new files even to root, like a read-only mount.
        const string readOnly = "/proc/self";
        var settings = new Dictionary<string, string> { ["HARMONIE_DATA_DIR"] = readOnly };

        var status = await HarmonieCli.RunAsync(_data.Path, settings, ["status"]);
        var serve = await HarmonieCli.RunAsync(_data.Path, settings, ["serve"], timeout: TimeSpan.FromSeconds(60));

        Assert.All([status, serve], result =>
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains($"HARMONIE_DATA_DIR is {readOnly}, which {Environment.UserName} cannot write", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        });
    }

    public void Dispose() => _data.Dispose();
}
