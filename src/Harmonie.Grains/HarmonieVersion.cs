using System.Reflection;

namespace Harmonie.Grains;

/// <summary>The version this build reports (<c>/status</c>, scan history).</summary>
public static class HarmonieVersion
{
    public static string Current { get; } =
        typeof(HarmonieVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0+unknown";
}
