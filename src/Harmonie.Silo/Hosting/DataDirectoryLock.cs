using System.Text.Json;
using Harmonie.Silo.Configuration;

namespace Harmonie.Silo.Hosting;

/// <summary>
/// Exclusive ownership of a data directory: the embedded catalog must have one writer. A second process
/// finds the owner's address in <c>harmonie.server.json</c> and talks to it over HTTP instead.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private const string LockFile = "harmonie.lock";
    private const string ServerFile = "harmonie.server.json";
    private readonly FileStream _lock;
    private readonly string _directory;

    private DataDirectoryLock(FileStream @lock, string directory)
    {
        _lock = @lock;
        _directory = directory;
    }

    /// <summary>
    /// Takes the lock, or returns null when another process holds it. A directory this user cannot create or
    /// write is a configuration error (<see cref="SettingsException"/>), not a busy one.
    /// </summary>
    public static DataDirectoryLock? TryAcquire(string dataDir)
    {
        EnsureWritable(dataDir);
        try
        {
            var stream = new FileStream(Path.Combine(dataDir, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataDirectoryLock(stream, dataDir);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void EnsureWritable(string dataDir)
    {
        var probe = Path.Combine(dataDir, $".write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(dataDir);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new SettingsException(
                "HARMONIE_DATA_DIR",
                $"is {dataDir}, which {Environment.UserName} cannot write ({ex.Message}); choose a writable folder or fix its permissions");
        }
    }

    /// <summary>The running server's base URL as it published it, if any.</summary>
    public static string? ReadServerUrl(string dataDir)
    {
        var path = Path.Combine(dataDir, ServerFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ServerInfo>(File.ReadAllText(path))?.Url : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Publishes where this process serves HTTP, for CLI commands run beside it.</summary>
    public void PublishServer(string url) =>
        File.WriteAllText(Path.Combine(_directory, ServerFile), JsonSerializer.Serialize(new ServerInfo(Environment.ProcessId, url)));

    public void Dispose()
    {
        try
        {
            File.Delete(Path.Combine(_directory, ServerFile));
        }
        catch (IOException)
        {
        }

        _lock.Dispose();
    }

    private sealed record ServerInfo(int Pid, string Url);
}
