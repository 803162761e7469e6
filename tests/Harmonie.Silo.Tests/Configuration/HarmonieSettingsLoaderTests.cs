using System.Collections;
using Harmonie.Silo.Configuration;
using Harmonie.TestSupport;
using Microsoft.Extensions.Logging;

namespace Harmonie.Silo.Tests.Configuration;

public sealed class HarmonieSettingsLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Defaults_match_the_original()
    {
        var settings = Load(new Hashtable { ["HOME"] = "/home/u" });

        Assert.Empty(settings.Libraries);
        Assert.EndsWith(Path.Combine(".local", "share", "harmonie"), settings.DataDir);
        Assert.True(Path.IsPathRooted(settings.DataDir));
        Assert.Equal("harmonie.db", settings.DbFilename);
        Assert.Equal((0, 24.0, true, "0.0.0.0", 8842), (settings.Workers, settings.ScanIntervalHours, settings.ScanOnStartup, settings.Host, settings.Port));
        Assert.Null(settings.ApiKey);
        Assert.Empty(settings.CorsOrigins);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.True(settings.ResolvedWorkers >= 1);
    }

    [Theory]
    [InlineData("/a,/b", new[] { "/a", "/b" })]
    [InlineData("/a:/b", new[] { "/a", "/b" })]
    [InlineData("/a:b,/c", new[] { "/a:b", "/c" })]
    [InlineData(" /a , , /b/ ", new[] { "/a", "/b" })]
    [InlineData("/single", new[] { "/single" })]
    [InlineData("", new string[0])]
    public void Libraries_split_on_commas_first_then_colons(string raw, string[] expected) =>
        Assert.Equal(expected, Load(new Hashtable { ["HARMONIE_LIBRARIES"] = raw }).Libraries);

    [Fact]
    public void Names_match_case_insensitively_and_values_are_parsed()
    {
        var settings = Load(new Hashtable
        {
            ["harmonie_port"] = "9000",
            ["HARMONIE_WORKERS"] = "3",
            ["HARMONIE_SCAN_INTERVAL_HOURS"] = "0.5",
            ["HARMONIE_SCAN_ON_STARTUP"] = "Off",
            ["HARMONIE_API_KEY"] = "s3cret",
            ["HARMONIE_CORS_ORIGINS"] = "http://a, http://b ,",
            ["HARMONIE_LOG_LEVEL"] = " debug ",
            ["HARMONIE_DATA_DIR"] = "/srv/h/",
            ["HARMONIE_MODELS_DIR"] = "/srv/models",
        });

        Assert.Equal((9000, 3, 0.5, false, "s3cret"), (settings.Port, settings.Workers, settings.ScanIntervalHours, settings.ScanOnStartup, settings.ApiKey!));
        Assert.Equal(["http://a", "http://b"], settings.CorsOrigins);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.Equal("/srv/h/harmonie.db", settings.DbPath);
        Assert.Equal(["/srv/models"], settings.ModelsDirs);
        Assert.Equal(3, settings.ResolvedWorkers);
    }

    [Fact]
    public void An_empty_api_key_disables_authentication() =>
        Assert.Null(Load(new Hashtable { ["HARMONIE_API_KEY"] = "" }).ApiKey);

    [Theory]
    [InlineData("HARMONIE_PORT", "0")]
    [InlineData("HARMONIE_PORT", "70000")]
    [InlineData("HARMONIE_PORT", "http")]
    [InlineData("HARMONIE_WORKERS", "two")]
    [InlineData("HARMONIE_SCAN_INTERVAL_HOURS", "-1")]
    [InlineData("HARMONIE_SCAN_ON_STARTUP", "maybe")]
    [InlineData("HARMONIE_LOG_LEVEL", "VERBOSE")]
    [InlineData("HARMONIE_ANALYSIS_TIMEOUT_SEC", "0")]
    public void An_invalid_value_names_its_variable(string variable, string value)
    {
        var error = Assert.Throws<SettingsException>(() => Load(new Hashtable { [variable] = value }));

        Assert.Equal(variable, error.Variable);
        Assert.Contains(variable, error.Message);
    }

    [Fact]
    public void A_dot_env_file_is_read_and_real_variables_win()
    {
        var dotEnv = _dir.Combine(".env");
        File.WriteAllText(dotEnv, "# comment\nHARMONIE_PORT=9100\nexport HARMONIE_HOST=\"127.0.0.1\"\nHARMONIE_WORKERS=2 # two\nUNRELATED=1\n");

        var settings = HarmonieSettingsLoader.Load(new Hashtable { ["HARMONIE_WORKERS"] = "5" }, dotEnv);

        Assert.Equal((9100, "127.0.0.1", 5), (settings.Port, settings.Host, settings.Workers));
    }

    public void Dispose() => _dir.Dispose();

    private static HarmonieSettings Load(Hashtable environment) => HarmonieSettingsLoader.Load(environment, dotEnvPath: null);
}
