using Harmonie.Silo.Configuration;
using Harmonie.TestSupport;

namespace Harmonie.Silo.Tests.Configuration;

public sealed class UsableCpuCountTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Theory]
    [InlineData("200000 100000", 8, 2)]
    [InlineData("150000 100000", 8, 1)]
    [InlineData("50000 100000", 8, 1)]
    [InlineData("max 100000", 8, 8)]
    [InlineData("garbage", 8, 8)]
    [InlineData("400000 0", 8, 8)]
    [InlineData("800000 100000", 3, 3)]
    public void A_cgroup_v2_quota_caps_the_affinity_count(string cpuMax, int affinity, int expected)
    {
        File.WriteAllText(_root.Combine("cpu.max"), cpuMax + "\n");

        Assert.Equal(expected, UsableCpuCount.Compute(affinity, _root.Path));
    }

    [Theory]
    [InlineData("300000", "100000", 3)]
    [InlineData("-1", "100000", 8)]
    public void A_cgroup_v1_quota_is_used_when_there_is_no_v2_file(string quota, string period, int expected)
    {
        Directory.CreateDirectory(_root.Combine("cpu"));
        File.WriteAllText(_root.Combine("cpu", "cpu.cfs_quota_us"), quota);
        File.WriteAllText(_root.Combine("cpu", "cpu.cfs_period_us"), period);

        Assert.Equal(expected, UsableCpuCount.Compute(8, _root.Path));
    }

    [Fact]
    public void Without_any_quota_the_affinity_count_is_used_and_never_below_one()
    {
        Assert.Equal(4, UsableCpuCount.Compute(4, _root.Path));
        Assert.Equal(1, UsableCpuCount.Compute(0, _root.Path));
    }

    public void Dispose() => _root.Dispose();
}
