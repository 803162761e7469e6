namespace Harmonie.TestSupport;

/// <summary>One row of the shared clips' labels.csv: the file, its style family and the expected outcome.</summary>
public sealed record LabelledClip(string RelativePath, string FullPath, string Family, string Expect)
{
    /// <summary>Rows of labels.csv in <paramref name="audioDirectory"/> (default: the shared clips).</summary>
    public static IReadOnlyList<LabelledClip> Load(string? audioDirectory = null)
    {
        audioDirectory ??= SharedTestData.AudioDirectory;
        var lines = File.ReadAllLines(Path.Combine(audioDirectory, "labels.csv"));
        var header = lines[0].Split(',');
        int pathColumn = Array.IndexOf(header, "path"), familyColumn = Array.IndexOf(header, "family"), expectColumn = Array.IndexOf(header, "expect");
        return lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(cells => new LabelledClip(cells[pathColumn], Path.Combine(audioDirectory, cells[pathColumn]), cells[familyColumn], cells[expectColumn]))
            .ToList();
    }
}
