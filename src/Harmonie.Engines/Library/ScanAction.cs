namespace Harmonie.Engines.Library;

/// <summary>What a scan does with one enumerated file.</summary>
public enum ScanAction
{
    Full,
    DescriptorsOnly,
    Skip,
}
