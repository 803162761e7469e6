namespace Harmonie.Silo.Configuration;

/// <summary>An invalid configuration value; the message names the variable.</summary>
public sealed class SettingsException(string variable, string problem)
    : Exception($"invalid configuration: {variable} {problem}")
{
    public string Variable { get; } = variable;
}
