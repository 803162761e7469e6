using System.Numerics;
using System.Security.Cryptography;

namespace Harmonie.Engines.Playlists;

/// <summary>
/// The playlist's random generator: xoshiro256** (Blackman &amp; Vigna) with its state filled by SplitMix64 from
/// the request's <c>rng_seed</c>. Written out here, not <see cref="Random"/>, so a seed gives the same playlist
/// on every .NET version and platform. One instance per request, shared by all of its picks and shuffles.
/// </summary>
public sealed class PlaylistRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public PlaylistRandom(long seed)
    {
        var mix = unchecked((ulong)seed);
        _s0 = SplitMix64(ref mix);
        _s1 = SplitMix64(ref mix);
        _s2 = SplitMix64(ref mix);
        _s3 = SplitMix64(ref mix);
    }

    private PlaylistRandom(ulong s0, ulong s1, ulong s2, ulong s3) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    /// <summary>A generator seeded from the OS entropy source (for requests without <c>rng_seed</c>).</summary>
    public static PlaylistRandom CreateUnseeded() => new(BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long))));

    /// <summary>A generator with an explicit xoshiro256** state (tests against the reference sequence).</summary>
    internal static PlaylistRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3) => new(s0, s1, s2, s3);

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="exclusiveMax"/>), unbiased (rejects the short remainder zone).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        var bound = (ulong)exclusiveMax;
        var threshold = (0 - bound) % bound;
        while (true)
        {
            var draw = NextUInt64();
            if (draw >= threshold)
            {
                return (int)(draw % bound);
            }
        }
    }

    /// <summary>Fisher–Yates from the end: for i = n−1 … 1, swap item i with a uniform j ≤ i.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// An index drawn with probability proportional to its weight: one uniform × total, then the first cumulative
    /// weight strictly above it (as Python's <c>random.choices</c>; the last index absorbs rounding).
    /// </summary>
    public int ChooseWeighted(IReadOnlyList<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfZero(weights.Count);
        var cumulative = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
            cumulative[i] = total;
        }

        var target = NextDouble() * total;
        var index = 0;
        while (index < cumulative.Length - 1 && cumulative[index] <= target)
        {
            index++;
        }

        return index;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
