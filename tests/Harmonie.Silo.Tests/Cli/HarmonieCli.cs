using System.Diagnostics;
using System.Text;

namespace Harmonie.Silo.Tests.Cli;

/// <summary>Runs the real <c>harmonie</c> executable with a clean <c>HARMONIE_*</c> environment.</summary>
public static class HarmonieCli
{
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory, // No stray .env file is read.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "harmonie.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("HARMONIE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs to the end; <paramref name="interruptWhen"/> sends one SIGINT the first time stderr shows a matching line.</summary>
    public static async Task<CliResult> RunAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> settings,
        string[] arguments,
        Func<string, bool>? interruptWhen = null,
        TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(workingDirectory, settings, arguments)) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var interrupted = 0;
        process.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data is { } line && interruptWhen?.Invoke(line) == true && Interlocked.Exchange(ref interrupted, 1) == 0)
            {
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"harmonie {string.Join(' ', arguments)} did not finish:\n{stderr}");
        }

        process.WaitForExit(); // Drains the redirected streams.
        return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
