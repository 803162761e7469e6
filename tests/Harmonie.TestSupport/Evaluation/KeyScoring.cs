using Harmonie.Engines.Descriptors;

namespace Harmonie.TestSupport.Evaluation;

/// <summary>MIREX key score: 1 same key, 0.5 a fifth away in the same mode, 0.3 relative, 0.2 parallel, else 0.</summary>
public static class KeyScoring
{
    public static double Weighted(string? estimatedKey, string? estimatedScale, string referenceKey, string referenceScale)
    {
        var est = KeyNames.PitchClass(estimatedKey);
        var reference = KeyNames.PitchClass(referenceKey);
        if (est < 0 || reference < 0 || estimatedScale is null)
        {
            return 0;
        }

        var estMinor = estimatedScale.Equals("minor", StringComparison.OrdinalIgnoreCase);
        var refMinor = referenceScale.Equals("minor", StringComparison.OrdinalIgnoreCase);
        var interval = ((est - reference) % 12 + 12) % 12;
        if (estMinor == refMinor)
        {
            return interval switch
            {
                0 => 1.0,
                5 or 7 => 0.5,
                _ => 0.0,
            };
        }

        if (interval == 0)
        {
            return 0.2;
        }

        // Relative: C major ↔ A minor (the minor tonic a minor third below the major one).
        return (refMinor && interval == 3) || (!refMinor && interval == 9) ? 0.3 : 0.0;
    }

    public static bool Exact(string? estimatedKey, string? estimatedScale, string referenceKey, string referenceScale) =>
        Weighted(estimatedKey, estimatedScale, referenceKey, referenceScale) >= 1.0;
}
