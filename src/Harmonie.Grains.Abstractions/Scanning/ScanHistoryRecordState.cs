namespace Harmonie.Scanning;

/// <summary>The <c>state</c> values of a scan history row.</summary>
public static class ScanHistoryRecordState
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Crashed = "crashed";
    public const string Cancelled = "cancelled";
}
