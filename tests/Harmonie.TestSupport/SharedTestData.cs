namespace Harmonie.TestSupport;

/// <summary>
/// Locates the workplace's shared folder (<c>../shared</c> beside the repository) that holds the labelled
/// clips and Essentia reference values. <c>HARMONIE_SHARED_DIR</c> overrides the search.
/// </summary>
public static class SharedTestData
{
    private static readonly Lazy<string> RootPath = new(Locate);

    public static string Root => RootPath.Value;

    public static string AudioDirectory => Path.Combine(Root, "testdata", "audio");

    public static string EssentiaReferenceDirectory => Path.Combine(Root, "testdata", "essentia-reference");

    public static string MelReferenceDirectory => Path.Combine(EssentiaReferenceDirectory, "mel");

    public static string ModelsDirectory => Path.Combine(Root, "models");

    public static string Audio(string relativePath) => Path.Combine(AudioDirectory, relativePath);

    /// <summary>Reads a one-column CSV of floats (the reference dumps).</summary>
    public static float[] ReadFloatColumn(string path) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => float.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("HARMONIE_SHARED_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(Path.Combine(configured, "testdata"))
                ? configured
                : throw new DirectoryNotFoundException($"HARMONIE_SHARED_DIR={configured} has no testdata folder");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "testdata")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "The shared test data (shared/testdata beside the repository) was not found; set HARMONIE_SHARED_DIR.");
    }
}
