using Harmonie.Engines.Catalog;

namespace Harmonie.Engines.Library;

/// <summary>Change detection (BEHAVIOUR.md §2.5), with the model rule documented in docs/SCANNING.md.</summary>
public static class ScanClassifier
{
    public static ScanAction Classify(FileStat file, TrackFileState? row, bool force, string currentModel, int descriptorVersion)
    {
        if (force || row is null || !file.Matches(row.Size, row.Mtime))
        {
            return ScanAction.Full;
        }

        // Our own rows follow the configured model; imported rows keep theirs until the file changes.
        if (!row.Imported && !string.Equals(row.Model, currentModel, StringComparison.Ordinal))
        {
            return ScanAction.Full;
        }

        return row.DescriptorVersion < descriptorVersion ? ScanAction.DescriptorsOnly : ScanAction.Skip;
    }
}
