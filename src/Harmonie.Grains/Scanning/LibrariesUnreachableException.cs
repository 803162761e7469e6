namespace Harmonie.Grains.Scanning;

/// <summary>Every configured library root is missing or unreadable: the scan stops before it could remove anything.</summary>
public sealed class LibrariesUnreachableException(IReadOnlyList<string> roots)
    : Exception($"no library root is reachable: {string.Join(", ", roots)} (check HARMONIE_LIBRARIES and that the folders are mounted)")
{
    public IReadOnlyList<string> Roots { get; } = roots;
}
