using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace Harmonie.Silo.Configuration;

/// <summary>
/// CPUs this process may use: its affinity mask, capped by a cgroup CPU quota (v2 <c>cpu.max</c>, or v1
/// <c>cpu.cfs_quota_us</c>/<c>cpu.cfs_period_us</c>), floor(quota/period), never below 1 (BEHAVIOUR.md §1.1).
/// </summary>
public static class UsableCpuCount
{
    public static int Get() => Compute(AffinityCount(), "/sys/fs/cgroup");

    public static int Compute(int affinityCount, string cgroupRoot)
    {
        var count = Math.Max(1, affinityCount);
        if (QuotaLimit(cgroupRoot) is { } limit)
        {
            count = Math.Min(count, limit);
        }

        return Math.Max(1, count);
    }

    private static int AffinityCount()
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            {
                var mask = (ulong)Process.GetCurrentProcess().ProcessorAffinity;
                var bits = BitOperations.PopCount(mask);
                if (bits > 0)
                {
                    return bits;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
        }

        return Environment.ProcessorCount;
    }

    private static int? QuotaLimit(string root)
    {
        var v2 = Read(Path.Combine(root, "cpu.max"));
        if (v2 is not null)
        {
            var parts = v2.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && parts[0] != "max" && TryParse(parts[0], out var quota) && TryParse(parts[1], out var period)
                ? Limit(quota, period)
                : null;
        }

        var v1Quota = Read(Path.Combine(root, "cpu", "cpu.cfs_quota_us"));
        var v1Period = Read(Path.Combine(root, "cpu", "cpu.cfs_period_us"));
        return v1Quota is not null && v1Period is not null && TryParse(v1Quota, out var q) && TryParse(v1Period, out var p)
            ? Limit(q, p)
            : null;
    }

    private static int? Limit(long quota, long period) =>
        quota <= 0 || period <= 0 ? null : (int)Math.Max(1, quota / period);

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
