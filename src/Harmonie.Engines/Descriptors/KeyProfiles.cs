namespace Harmonie.Engines.Descriptors;

/// <summary>Major and minor key profiles (tonic first) from corpus studies: Temperley's MIREX 2005 and Aarden's.</summary>
internal static class KeyProfiles
{
    public static readonly double[] Temperley2005Major = [0.748, 0.060, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4];

    public static readonly double[] Temperley2005Minor = [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.133, 0.33];

    public static readonly double[] AardenMajor = [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122];

    public static readonly double[] AardenMinor = [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623];
}
