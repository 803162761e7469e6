namespace Harmonie.Scanning;

public enum ScanState
{
    Idle,
    Scanning,

    /// <summary>The last scan crashed; the next scan clears it.</summary>
    Error,
}
