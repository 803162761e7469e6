using System.CommandLine;
using Harmonie.Engines.Catalog.Postgres;
using Harmonie.Silo.Configuration;

namespace Harmonie.Silo.Cli;

/// <summary><c>harmonie db init [--print]</c>: applies (or prints) the PostgreSQL schema of cluster mode.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var print = new Option<bool>("--print") { Description = "Print the SQL instead of applying it." };
        var init = new Command("init", "Create or upgrade the PostgreSQL schema (Orleans tables and queries, catalog tables) named by HARMONIE_POSTGRES.") { print };
        init.SetAction((result, ct) => result.GetValue(print) ? PrintAsync() : CommandRunner.RunAsync("db init", settings => InitAsync(settings, ct)));
        return new Command("db", "Database administration for cluster mode.") { init };
    }

    private static async Task<int> PrintAsync()
    {
        await Console.Out.WriteAsync(PostgresSchema.Script);
        return 0;
    }

    private static async Task<int> InitAsync(HarmonieSettings settings, CancellationToken ct)
    {
        if (settings.Postgres is not { } connectionString)
        {
            await Console.Error.WriteLineAsync("db init: set HARMONIE_POSTGRES to a PostgreSQL connection string (or use --print)");
            return 1;
        }

        var before = await PostgresSchema.ApplyAsync(connectionString, ct);
        Console.WriteLine(before == PostgresSchema.Version
            ? $"Already at schema version {before}. Nothing to do."
            : $"Migrated database from version {before} to {PostgresSchema.Version}.");
        return 0;
    }
}
