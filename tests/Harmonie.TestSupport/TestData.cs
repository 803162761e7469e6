namespace Harmonie.TestSupport;

/// <summary>
/// Locates the repository's <c>tests/data</c> folder: the labelled developer clips and the Essentia reference
/// values (origins and licences in <c>tests/data/README.md</c>). Found by walking up from the test binaries, so
/// a clone works wherever it lives.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> RootPath = new(Locate);

    public static string Root => RootPath.Value;

    public static string AudioDirectory => Path.Combine(Root, "audio");

    public static string EssentiaReferenceDirectory => Path.Combine(Root, "essentia-reference");

    public static string MelReferenceDirectory => Path.Combine(EssentiaReferenceDirectory, "mel");

    public static string Audio(string relativePath) => Path.Combine(AudioDirectory, relativePath);

    /// <summary>A file of the repository itself (a script, a deploy file), found from <c>tests/data</c>.</summary>
    public static string RepositoryFile(params string[] parts) => Path.Combine([Root, "..", "..", .. parts]);

    /// <summary>Reads a one-column CSV of floats (the reference dumps).</summary>
    public static float[] ReadFloatColumn(string path) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => float.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data");
            if (File.Exists(Path.Combine(candidate, "audio", "labels.csv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"tests/data was not found above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
