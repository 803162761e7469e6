using Harmonie.Engines.Catalog;
using Harmonie.Silo.Configuration;

namespace Harmonie.Silo.Cli;

/// <summary>Loads the settings for a command and turns configuration and database problems into a clear message and exit code 1.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(string command, Func<HarmonieSettings, Task<int>> action)
    {
        try
        {
            return await action(HarmonieSettingsLoader.Load());
        }
        catch (SettingsException ex)
        {
            await Console.Error.WriteLineAsync($"{command}: {ex.Message}");
            return 1;
        }
        catch (CatalogVersionException ex)
        {
            await Console.Error.WriteLineAsync($"{command}: {ex.Message}");
            return 1;
        }
    }
}
