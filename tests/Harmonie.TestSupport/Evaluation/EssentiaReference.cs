using Harmonie.Analysis;

namespace Harmonie.TestSupport.Evaluation;

/// <summary>What Essentia computed for one clip (a row of <c>dev_descriptors.csv</c>), with the original's profile.</summary>
public sealed record EssentiaReference(string Path, AudioDescriptors? Descriptors, string? Error)
{
    public static IReadOnlyDictionary<string, EssentiaReference> LoadAll(string csvPath)
    {
        var table = CsvTable.Load(csvPath);
        var result = new Dictionary<string, EssentiaReference>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var path = table.Get(row, "file");
            var error = table.Get(row, "error");
            var key = table.Get(row, "key_default");
            var descriptors = error.Length > 0 ? null : new AudioDescriptors
            {
                Bpm = table.GetDouble(row, "bpm"),
                BpmConfidence = table.GetDouble(row, "bpm_confidence"),
                Key = key.Length > 0 ? key : null,
                Scale = key.Length > 0 ? table.Get(row, "scale_default") : null,
                KeyStrength = table.GetDouble(row, "strength_default"),
                Loudness = table.GetDouble(row, "replaygain_db"),
                Danceability = table.GetDouble(row, "danceability"),
                OnsetRate = table.GetDouble(row, "onset_rate"),
            };
            result[path] = new EssentiaReference(path, descriptors, error.Length > 0 ? error : null);
        }

        return result;
    }
}
