namespace Harmonie.TestSupport.Evaluation;

/// <summary>The usual tempo accuracy measures (MIREX): a ±4 % tolerance around the reference or its relatives.</summary>
public static class TempoScoring
{
    public const double Tolerance = 0.04;

    /// <summary>Acc1: within 4 % of the reference tempo.</summary>
    public static bool Acc1(double? estimate, double reference) => Within(estimate, reference);

    /// <summary>Acc1 also accepting the labelled alternative (a musically valid half or double tempo).</summary>
    public static bool Acc1OrAlternative(double? estimate, double reference, double? alternative) =>
        Within(estimate, reference) || (alternative is { } alt && Within(estimate, alt));

    /// <summary>Acc2: octave and triple errors allowed (×1, ×2, ×½, ×3, ×⅓).</summary>
    public static bool Acc2(double? estimate, double reference) =>
        new[] { 1.0, 2.0, 0.5, 3.0, 1.0 / 3.0 }.Any(f => Within(estimate, reference * f));

    private static bool Within(double? estimate, double reference) =>
        estimate is { } e && e > 0 && Math.Abs(e - reference) <= Tolerance * reference;
}
