using Harmonie.Scanning;

namespace Harmonie.Web.Contracts;

public sealed record ScanFailureResponse(string Path, string Error, double FailedAt, long? Size, double? Mtime)
{
    public static ScanFailureResponse From(ScanFailureRecord f) => new(f.Path, f.Error, f.FailedAt, f.Size, f.Mtime);
}
