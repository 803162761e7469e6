namespace Harmonie.Scanning;

public enum ScanPhase
{
    Idle,
    Enumerating,
    Classifying,
    Extracting,
    Pruning,
}
