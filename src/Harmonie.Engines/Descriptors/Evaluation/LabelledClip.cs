namespace Harmonie.Engines.Descriptors.Evaluation;

/// <summary>One row of the developer clips' <c>labels.csv</c>: true tempo (and its accepted alternative) and key.</summary>
public sealed record LabelledClip(string Path, double? Bpm, double? BpmAlternative, string? Key, string? Scale, string Expect)
{
    public static IReadOnlyDictionary<string, LabelledClip> LoadAll(string csvPath)
    {
        var table = CsvTable.Load(csvPath);
        var clips = new Dictionary<string, LabelledClip>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var path = table.Get(row, "path");
            var key = table.Get(row, "key");
            var scale = table.Get(row, "scale");
            clips[path] = new LabelledClip(
                path,
                table.GetDouble(row, "bpm"),
                table.GetDouble(row, "bpm_alt"),
                key.Length > 0 && scale.Length > 0 ? key : null,
                key.Length > 0 && scale.Length > 0 ? scale : null,
                table.Get(row, "expect"));
        }

        return clips;
    }
}
