using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Harmonie.Silo.Tests.Cli;
using Harmonie.TestSupport;

namespace Harmonie.Silo.Tests.Durability;

/// <summary>
/// The real executable (<c>dotnet harmonie.dll serve</c> from this test's output folder) as a child process on
/// free ports, configured only through <c>HARMONIE_*</c> variables, with an HTTP client pointed at it.
/// </summary>
public sealed class HarmonieProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HarmonieProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public HttpClient Client { get; }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<HarmonieProcess> StartAsync(string dataDir, string library, int workers, TimeSpan timeout)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string>
        {
            ["HARMONIE_DATA_DIR"] = dataDir,
            ["HARMONIE_LIBRARIES"] = library,
            ["HARMONIE_WORKERS"] = workers.ToString(CultureInfo.InvariantCulture),
            ["HARMONIE_HOST"] = "127.0.0.1",
            ["HARMONIE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["HARMONIE_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HARMONIE_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["HARMONIE_SCAN_ON_STARTUP"] = "false",
            ["HARMONIE_SCAN_INTERVAL_HOURS"] = "0",
            ["HARMONIE_MODELS_DIR"] = Path.Combine(dataDir, "no-models"),
            ["HARMONIE_LOG_LEVEL"] = "WARNING",
        };
        var info = HarmonieCli.StartInfo(dataDir, settings, "serve");
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var harmonie = new HarmonieProcess(process, port);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await harmonie.WaitUntilReadyAsync(timeout);
            return harmonie;
        }
        catch
        {
            await harmonie.DisposeAsync();
            throw;
        }
    }

    public async Task<JsonNode> GetJsonAsync(string path) =>
        JsonNode.Parse(await Client.GetStringAsync(path)) ?? throw new InvalidOperationException($"{path} returned null");

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    /// <summary>Reads <paramref name="path"/> until <paramref name="done"/> holds.</summary>
    public async Task<JsonNode> PollAsync(string path, TimeSpan timeout, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var json = await GetJsonAsync(path);
            if (done(json))
            {
                return json;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} still {json.ToJsonString()} after {timeout}:\n{Output}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Every track the service lists, each as <c>GET /tracks/{id}</c> returns it.</summary>
    public async Task<Dictionary<long, JsonNode>> TracksAsync()
    {
        var tracks = new Dictionary<long, JsonNode>();
        foreach (var item in (JsonArray)(await GetJsonAsync("api/v1/tracks?limit=1000"))["items"]!)
        {
            var id = (long)item!["id"]!;
            tracks[id] = await GetJsonAsync($"api/v1/tracks/{id}");
        }

        return tracks;
    }

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"harmonie exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("api/v1/status");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"harmonie did not become ready within {timeout}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
