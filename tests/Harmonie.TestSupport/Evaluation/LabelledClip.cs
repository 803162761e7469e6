namespace Harmonie.TestSupport.Evaluation;

/// <summary>
/// One row of the developer clips' <c>labels.csv</c>: the file, its style family, true tempo (and the
/// accepted alternative), key and the expected outcome.
/// </summary>
public sealed record LabelledClip(
    string Path, string FullPath, string Family, double? Bpm, double? BpmAlternative, string? Key, string? Scale, string Expect)
{
    /// <summary>Every row of labels.csv in <paramref name="audioDirectory"/> (default: the shared clips), in file order.</summary>
    public static IReadOnlyList<LabelledClip> Load(string? audioDirectory = null)
    {
        audioDirectory ??= TestData.AudioDirectory;
        var table = CsvTable.Load(System.IO.Path.Combine(audioDirectory, "labels.csv"));
        return [.. table.Rows.Select(row => FromRow(table, row, audioDirectory))];
    }

    /// <summary>The rows of a labels.csv keyed by their relative path.</summary>
    public static IReadOnlyDictionary<string, LabelledClip> LoadAll(string csvPath)
    {
        var table = CsvTable.Load(csvPath);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(csvPath))!;
        return table.Rows.Select(row => FromRow(table, row, directory)).ToDictionary(c => c.Path, StringComparer.Ordinal);
    }

    private static LabelledClip FromRow(CsvTable table, string[] row, string directory)
    {
        var path = table.Get(row, "path");
        var key = table.Get(row, "key");
        var scale = table.Get(row, "scale");
        var keyed = key.Length > 0 && scale.Length > 0;
        return new LabelledClip(
            path,
            System.IO.Path.Combine(directory, path),
            table.Get(row, "family"),
            table.GetDouble(row, "bpm"),
            table.GetDouble(row, "bpm_alt"),
            keyed ? key : null,
            keyed ? scale : null,
            table.Get(row, "expect"));
    }
}
