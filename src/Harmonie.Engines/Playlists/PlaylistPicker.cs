namespace Harmonie.Engines.Playlists;

/// <summary>
/// Chooses the next track among admissible candidates by effective score (base score − cooldown penalty),
/// BEHAVIOUR.md §8.1. Variation 0 takes the first strictly greatest. Variation v &gt; 0 draws among candidates
/// within band = 0.05·√v of the best, weighted by exp((effective − best)/band), with the request's generator.
/// Given an upper bound on the score of candidates not yet fetched, it refuses (before drawing anything) to
/// pick when one of them could have changed the result, so a builder can fetch more and ask again.
/// </summary>
public sealed class PlaylistPicker
{
    private readonly PlaylistRandom _random;

    public PlaylistPicker(double variation, PlaylistRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variation, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variation, 1);
        _random = random;
        Variation = variation;
        Band = BandFor(variation);
    }

    public double Variation { get; }

    public double Band { get; }

    public static double BandFor(double variation) => 0.05 * Math.Sqrt(variation);

    /// <param name="effective">The admissible candidates' effective scores, in candidate-list order.</param>
    /// <param name="unseenBound">
    /// The highest base score any unfetched candidate can have (it ranks after every listed one); null when the
    /// list holds every candidate.
    /// </param>
    public PickOutcome Pick(IReadOnlyList<double> effective, double? unseenBound = null)
    {
        if (effective.Count == 0)
        {
            return unseenBound is null ? PickOutcome.Nothing : PickOutcome.NeedMore;
        }

        var bestIndex = 0;
        for (var i = 1; i < effective.Count; i++)
        {
            if (effective[i] > effective[bestIndex])
            {
                bestIndex = i;
            }
        }

        var best = effective[bestIndex];
        if (Band == 0)
        {
            // An unseen candidate comes later in list order, so it wins only by being strictly better.
            return unseenBound is { } bound && bound > best ? PickOutcome.NeedMore : new PickOutcome(bestIndex, false);
        }

        var floor = best - Band;
        if (unseenBound is { } unseen && unseen >= floor)
        {
            return PickOutcome.NeedMore;
        }

        var eligible = new List<int>();
        var weights = new List<double>();
        for (var i = 0; i < effective.Count; i++)
        {
            if (effective[i] >= floor)
            {
                eligible.Add(i);
                weights.Add(Math.Exp((effective[i] - best) / Band));
            }
        }

        return new PickOutcome(eligible.Count == 1 ? eligible[0] : eligible[_random.ChooseWeighted(weights)], false);
    }
}
