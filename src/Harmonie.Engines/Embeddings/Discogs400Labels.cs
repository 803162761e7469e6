using System.Text.Json;

namespace Harmonie.Engines.Embeddings;

/// <summary>
/// The 400 Discogs style labels (<c>Genre---Style</c>) in the order of the style vector. Taken from the
/// model's metadata JSON (<c>classes</c>) when that holds exactly 400 strings, else from the copy of
/// Essentia's list bundled with harmonie.
/// </summary>
public static class Discogs400Labels
{
    public const int Count = 400;
    private const string ResourceName = "Harmonie.Engines.Embeddings.discogs400-labels.json";

    private static readonly Lazy<IReadOnlyList<string>> BundledLabels = new(LoadBundled);

    public static IReadOnlyList<string> Bundled => BundledLabels.Value;

    /// <summary>Labels from <paramref name="metadataJsonPath"/> when usable; otherwise the bundled list and the reason.</summary>
    public static (IReadOnlyList<string> Labels, string Source) Load(string? metadataJsonPath)
    {
        if (metadataJsonPath is null || !File.Exists(metadataJsonPath))
        {
            return (Bundled, "bundled labels");
        }

        try
        {
            using var stream = File.OpenRead(metadataJsonPath);
            var classes = ReadClasses(stream);
            return classes is not null
                ? (classes, Path.GetFileName(metadataJsonPath))
                : (Bundled, $"bundled labels ({Path.GetFileName(metadataJsonPath)} has no 400-string classes array)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return (Bundled, $"bundled labels ({Path.GetFileName(metadataJsonPath)} unreadable: {e.Message})");
        }
    }

    /// <summary>The <c>classes</c> array of an Essentia metadata JSON, or null unless it is exactly 400 strings.</summary>
    public static IReadOnlyList<string>? ReadClasses(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("classes", out var classes)
            || classes.ValueKind != JsonValueKind.Array
            || classes.GetArrayLength() != Count)
        {
            return null;
        }

        var labels = new string[Count];
        var i = 0;
        foreach (var item in classes.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
            {
                return null;
            }

            labels[i++] = item.GetString()!;
        }

        return labels;
    }

    private static IReadOnlyList<string> LoadBundled()
    {
        using var stream = typeof(Discogs400Labels).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return ReadClasses(stream) ?? throw new InvalidDataException("The bundled Discogs-400 label list does not hold 400 labels.");
    }
}
