using System.Collections;
using System.Globalization;
using Harmonie.Engines.Library;
using Microsoft.Extensions.Logging;

namespace Harmonie.Silo.Configuration;

/// <summary>
/// Builds <see cref="HarmonieSettings"/> from the environment and a <c>.env</c> file in the working directory
/// (real variables win; names match case-insensitively; unknown keys are ignored). Parsing follows the
/// original's rules (BEHAVIOUR.md §1.1); an invalid value throws <see cref="SettingsException"/>.
/// </summary>
public static class HarmonieSettingsLoader
{
    private const string Prefix = "HARMONIE_";

    public static HarmonieSettings Load() =>
        Load(Environment.GetEnvironmentVariables(), Path.Combine(Directory.GetCurrentDirectory(), ".env"));

    public static HarmonieSettings Load(IDictionary environment, string? dotEnvPath)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (dotEnvPath is not null)
        {
            foreach (var (key, value) in DotEnvFile.Read(dotEnvPath))
            {
                values[key] = value;
            }
        }

        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                values[key] = value;
            }
        }

        string? Get(string name) => values.TryGetValue(Prefix + name, out var v) ? v : null;

        var postgres = Get("POSTGRES") is { Length: > 0 } cs ? cs : null;
        var dataDir = Get("DATA_DIR") is { Length: > 0 } d ? LibraryPaths.Normalise(d) : DefaultDataDir(values);
        var settings = new HarmonieSettings
        {
            Libraries = SplitLibraries(Get("LIBRARIES")),
            DataDir = dataDir,
            DbFilename = Get("DB_FILENAME") is { Length: > 0 } f ? f : "harmonie.db",
            Workers = Int("HARMONIE_WORKERS", Get("WORKERS"), 0),
            ScanIntervalHours = NonNegative("HARMONIE_SCAN_INTERVAL_HOURS", Get("SCAN_INTERVAL_HOURS"), 24),
            ScanOnStartup = Bool("HARMONIE_SCAN_ON_STARTUP", Get("SCAN_ON_STARTUP"), true),
            Host = Get("HOST") is { Length: > 0 } h ? h.Trim() : "0.0.0.0",
            Port = Port("HARMONIE_PORT", Get("PORT"), 8842),
            ApiKey = Get("API_KEY") is { Length: > 0 } k ? k : null,
            CorsOrigins = Split(Get("CORS_ORIGINS"), ','),
            LogLevel = ParseLogLevel(Get("LOG_LEVEL")),
            LogFormat = ParseLogFormat(Get("LOG_FORMAT")),
            Dashboard = Bool("HARMONIE_DASHBOARD", Get("DASHBOARD"), true),
            ModelsDirs = Get("MODELS_DIR") is { Length: > 0 } m
                ? [LibraryPaths.Normalise(m)]
                : [Path.Combine(AppContext.BaseDirectory, "models"), Path.Combine(dataDir, "models")],
            AnalysisTimeoutSeconds = Positive("HARMONIE_ANALYSIS_TIMEOUT_SEC", Get("ANALYSIS_TIMEOUT_SEC"), 600),
            OrphanRetentionDays = NonNegative("HARMONIE_ORPHAN_RETENTION_DAYS", Get("ORPHAN_RETENTION_DAYS"), 7),
            InferenceThreads = Math.Max(1, Int("HARMONIE_INFERENCE_THREADS", Get("INFERENCE_THREADS"), 1)),
            PlaylistSessionMinutes = Positive("HARMONIE_PLAYLIST_SESSION_MINUTES", Get("PLAYLIST_SESSION_MINUTES"), 30),
            MinFreeMegabytes = NonNegative("HARMONIE_MIN_FREE_MB", Get("MIN_FREE_MB"), 100),
            PlaylistSessions = AtLeastOne("HARMONIE_PLAYLIST_SESSIONS", Get("PLAYLIST_SESSIONS"), 1000),
            Postgres = postgres,
            ClusterId = Get("CLUSTER_ID") is { Length: > 0 } cluster ? cluster.Trim() : "harmonie",
            AdvertisedAddress = Get("ADVERTISED_ADDRESS") is { Length: > 0 } address
                ? (System.Net.IPAddress.TryParse(address.Trim(), out _) ? address.Trim() : throw new SettingsException("HARMONIE_ADVERTISED_ADDRESS", $"must be an IP address, got '{address}'"))
                : null,
            IndexShards = Positive("HARMONIE_INDEX_SHARDS", Get("INDEX_SHARDS"), postgres is null ? 1 : 4) is var shards && shards == Math.Floor(shards) && shards <= 256
                ? (int)shards
                : throw new SettingsException("HARMONIE_INDEX_SHARDS", $"must be a whole number from 1 to 256, got {Get("INDEX_SHARDS")}"),
            SiloPort = Port("HARMONIE_SILO_PORT", Get("SILO_PORT"), 11111),
            GatewayPort = Port("HARMONIE_GATEWAY_PORT", Get("GATEWAY_PORT"), 30000),
            ClusterCertificate = Get("CLUSTER_CERTIFICATE") is { Length: > 0 } certificate ? certificate.Trim() : null,
            ClusterCertificatePassword = Get("CLUSTER_CERTIFICATE_PASSWORD"),
            ClusterInsecure = Bool("HARMONIE_CLUSTER_INSECURE", Get("CLUSTER_INSECURE"), false),
        };
        return settings;
    }

    /// <summary>Comma wins, then colon; parts trimmed, empties dropped (<c>a:b,c</c> → <c>a:b</c>, <c>c</c>).</summary>
    public static IReadOnlyList<string> SplitLibraries(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        var separator = raw.Contains(',', StringComparison.Ordinal) ? ',' : raw.Contains(':', StringComparison.Ordinal) ? ':' : '\0';
        var parts = separator == '\0' ? [raw.Trim()] : Split(raw, separator);
        return [.. parts.Where(p => p.Length > 0).Select(LibraryPaths.Normalise)];
    }

    private static IReadOnlyList<string> Split(string? raw, char separator) =>
        string.IsNullOrEmpty(raw) ? [] : [.. raw.Split(separator).Select(p => p.Trim()).Where(p => p.Length > 0)];

    private static string DefaultDataDir(Dictionary<string, string> values)
    {
        var xdg = values.TryGetValue("XDG_DATA_HOME", out var x) && Path.IsPathRooted(x) ? x : null;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(xdg ?? Path.Combine(home, ".local", "share"), "harmonie");
    }

    private static int AtLeastOne(string name, string? raw, int fallback) =>
        Int(name, raw, fallback) is var value and >= 1 ? value : throw new SettingsException(name, $"must be at least 1, got '{raw}'");

    private static int Int(string name, string? raw, int fallback)
    {
        if (raw is null)
        {
            return fallback;
        }

        return int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SettingsException(name, $"must be an integer, got '{raw}'");
    }

    private static int Port(string name, string? raw, int fallback)
    {
        var port = Int(name, raw, fallback);
        return port is >= 1 and <= 65535 ? port : throw new SettingsException(name, $"must be between 1 and 65535, got {port}");
    }

    private static double NonNegative(string name, string? raw, double fallback)
    {
        var value = Double(name, raw, fallback);
        return value >= 0 ? value : throw new SettingsException(name, $"must be ≥ 0, got {raw}");
    }

    private static double Positive(string name, string? raw, double fallback)
    {
        var value = Double(name, raw, fallback);
        return value > 0 ? value : throw new SettingsException(name, $"must be > 0, got {raw}");
    }

    private static double Double(string name, string? raw, double fallback)
    {
        if (raw is null)
        {
            return fallback;
        }

        return double.TryParse(raw.Trim().Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new SettingsException(name, $"must be a number, got '{raw}'");
    }

    private static bool Bool(string name, string? raw, bool fallback)
    {
        if (raw is null)
        {
            return fallback;
        }

        return raw.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "t" or "yes" or "y" or "on" => true,
            "0" or "false" or "f" or "no" or "n" or "off" => false,
            _ => throw new SettingsException(name, $"must be a boolean (true/false, 1/0, yes/no, on/off), got '{raw}'"),
        };
    }

    private static LogFormat ParseLogFormat(string? raw) => (raw ?? "text").Trim().ToUpperInvariant() switch
    {
        "TEXT" => LogFormat.Text,
        "JSON" => LogFormat.Json,
        _ => throw new SettingsException("HARMONIE_LOG_FORMAT", $"must be text or json, got '{raw}'"),
    };

    private static LogLevel ParseLogLevel(string? raw) => (raw ?? "INFO").Trim().ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        _ => throw new SettingsException("HARMONIE_LOG_LEVEL", $"must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got '{raw}'"),
    };
}
