namespace Harmonie.Playlists;

/// <summary>
/// The numeric and structural domain rules of a playlist request (BEHAVIOUR.md §8.1), shared by the HTTP layer
/// (which maps any error to 422) and the playlist engine (which refuses invalid requests). Only the fields the
/// request's mode uses are checked, as the original ignores the others.
/// </summary>
public static class PlaylistRequestValidator
{
    public const int MaxCount = 500;
    public const int MaxChunkSize = 100;

    /// <summary>Most seeds (ids plus references) one request may name: a bound on the work a request can ask for.</summary>
    public const int MaxSeeds = 1000;

    public static IReadOnlyList<PlaylistValidationError> Validate(PlaylistRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<PlaylistValidationError>();
        if (CountError(request.N) is { } countError)
        {
            errors.Add(new("n", countError));
        }

        if (request.Mode == PlaylistMode.Vibe)
        {
            ValidateTarget(request.Target, errors);
        }
        else
        {
            ValidateSeeds(request, errors);
            if (!(request.Variation is >= 0 and <= 1))
            {
                errors.Add(new("variation", "variation must be between 0.0 and 1.0"));
            }

            if (request.SmoothTransitions.BpmTolerance is { } tolerance && !(double.IsFinite(tolerance) && tolerance >= 0))
            {
                errors.Add(new("smooth_transitions.bpm_tolerance", "bpm_tolerance must be a finite number >= 0"));
            }

            if (request.Mode == PlaylistMode.Drift && request.ChunkSize is < 1 or > MaxChunkSize)
            {
                errors.Add(new("chunk_size", $"chunk_size must be between 1 and {MaxChunkSize}"));
            }
        }

        return errors;
    }

    /// <summary>The rule for <c>n</c>, also applied to every batch of a playlist session; null when valid.</summary>
    public static string? CountError(int count) =>
        count is < 1 or > MaxCount ? $"n must be between 1 and {MaxCount}" : null;

    private static void ValidateSeeds(PlaylistRequest request, List<PlaylistValidationError> errors)
    {
        if (request.Seeds.Count == 0 && request.SeedRefs.Count == 0)
        {
            errors.Add(new("seeds", "at least one of seeds or seed_refs must be non-empty"));
        }

        if (request.Seeds.Count + request.SeedRefs.Count > MaxSeeds)
        {
            errors.Add(new("seeds", $"at most {MaxSeeds} seeds and seed_refs together, got {request.Seeds.Count + request.SeedRefs.Count}"));
            return; // Per-entry errors of an oversized list would only repeat this.
        }

        if (request.SeedWeights.Count > 0 && request.SeedWeights.Count != request.Seeds.Count)
        {
            errors.Add(new("seed_weights", "seed_weights must have the same length as seeds"));
        }

        for (var i = 0; i < request.SeedWeights.Count; i++)
        {
            if (!IsPositiveWeight(request.SeedWeights[i]))
            {
                errors.Add(new($"seed_weights[{i}]", "seed weights must be finite and > 0"));
            }
        }

        for (var i = 0; i < request.SeedRefs.Count; i++)
        {
            var seedRef = request.SeedRefs[i];
            if (seedRef.Reference.IsEmpty)
            {
                errors.Add(new($"seed_refs[{i}]", "a seed ref needs at least one of path, artist, album, title"));
            }

            if (seedRef.Weight is { } weight && !IsPositiveWeight(weight))
            {
                errors.Add(new($"seed_refs[{i}].weight", "seed ref weight must be finite and > 0"));
            }
        }
    }

    private static void ValidateTarget(VibeTarget target, List<PlaylistValidationError> errors)
    {
        if (target.Bpm is { } bpm && !(double.IsFinite(bpm) && bpm > 0))
        {
            errors.Add(new("target.bpm", "target.bpm must be a finite number > 0"));
        }

        if (target.Danceability is { } danceability && !(double.IsFinite(danceability) && danceability >= 0))
        {
            errors.Add(new("target.danceability", "target.danceability must be a finite number >= 0"));
        }
    }

    private static bool IsPositiveWeight(double weight) => double.IsFinite(weight) && weight > 0;
}
