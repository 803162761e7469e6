using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Harmonie.TestSupport;

/// <summary>
/// A throw-away PostgreSQL cluster for the test run: initdb in a temp folder, started on a free
/// loopback port, one server per test process (started on first use, stopped at process exit).
/// Tests ask it for fresh databases. As root the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresTestServer : IDisposable
{
    private const string BinariesVariable = "HARMONIE_PG_BIN";
    private static readonly Lazy<Task<PostgresTestServer>> Instance = new(StartAsync);
    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private int _databases;
    private bool _disposed;

    private PostgresTestServer(string bin, string directory, int port, bool asPostgresUser)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    /// <summary>Connection string of the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>The server of this test process, started on first call.</summary>
    public static Task<PostgresTestServer> GetAsync() => Instance.Value;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var unique = $"{new string([.. prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)])}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}";
        var name = unique[..Math.Min(unique.Length, 40)];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Already gone; the folder is removed below either way.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    private static async Task<PostgresTestServer> StartAsync()
    {
        var bin = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), $"harmonie-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(directory);
        if (asPostgresUser)
        {
            // initdb refuses to run as root and needs a folder the server user owns.
            RunTool("chown", ["postgres", directory], TimeSpan.FromSeconds(10));
        }

        var server = new PostgresTestServer(bin, directory, FreePort(), asPostgresUser);
        try
        {
            server.Run("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], TimeSpan.FromMinutes(2));
            var options = $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=200 " +
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            server.Run("pg_ctl", ["-D", server.DataDirectory, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], TimeSpan.FromMinutes(1));
        }
        catch
        {
            server.Dispose();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        server.WatchTestProcess();
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
        }

        return server;
    }

    /// <summary>
    /// A detached watcher stops the server if the test process dies without running its exit handler
    /// (a killed test host would otherwise leave a postgres running).
    /// </summary>
    private void WatchTestProcess()
    {
        var stop = _asPostgresUser
            ? $"runuser -u postgres -- '{Path.Combine(_bin, "pg_ctl")}' -D '{DataDirectory}' -m immediate stop"
            : $"'{Path.Combine(_bin, "pg_ctl")}' -D '{DataDirectory}' -m immediate stop";
        var script = $"exec >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 2; done; {stop}; rm -rf '{_directory}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in (string[])["sh", "-c", script])
        {
            start.ArgumentList.Add(argument);
        }

        using var watcher = Process.Start(start);
    }

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
               ?? throw new InvalidOperationException(
                   "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/<version>/bin. " +
                   $"Install them (Debian: apt-get install postgresql) or set {BinariesVariable} to their folder.");

        static int VersionOf(string directory) => int.TryParse(Path.GetFileName(directory), out var version) ? version : 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var path = Path.Combine(_bin, tool);
        if (_asPostgresUser)
        {
            RunTool("runuser", ["-u", "postgres", "--", path, .. arguments], timeout);
        }
        else
        {
            RunTool(path, arguments, timeout);
        }
    }

    private static void RunTool(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output.Result}\n{error.Result}");
        }
    }
}
