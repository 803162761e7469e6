using System.CommandLine;
using Harmonie.Silo.Configuration;
using Harmonie.Silo.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Harmonie.Silo.Cli;

/// <summary><c>harmonie serve</c> (the default): the silo and the HTTP API until stopped.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the service: HTTP API, scheduled scans and the Orleans dashboard.");
        command.SetAction((_, ct) => RunAsync(ct));
        return command;
    }

    public static Task<int> RunAsync(CancellationToken cancellationToken) => CommandRunner.RunAsync("serve", settings => ServeAsync(settings, cancellationToken));

    private static async Task<int> ServeAsync(HarmonieSettings settings, CancellationToken cancellationToken)
    {
        using var dataLock = DataDirectoryLock.TryAcquire(settings.DataDir);
        if (dataLock is null)
        {
            await Console.Error.WriteLineAsync($"serve: another harmonie process is already using {settings.DataDir}");
            return 1;
        }

        using var catalog = await CatalogFactory.OpenAsync(settings, cancellationToken);
        await using var app = ServeHost.Build(settings, catalog);
        await app.StartAsync(cancellationToken);
        var host = settings.Host is "0.0.0.0" or "::" ? "127.0.0.1" : settings.Host;
        dataLock.PublishServer($"http://{host}:{settings.Port}/");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
