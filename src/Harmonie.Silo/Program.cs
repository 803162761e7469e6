using Harmonie.Silo.Cli;

return await HarmonieCommandLine.InvokeAsync(args);
