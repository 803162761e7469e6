using System.Text.Json;
using Harmonie.Filtering;
using Harmonie.Playlists;
using Harmonie.Tracks;
using Harmonie.Web.Filtering;
using Microsoft.AspNetCore.Http;

namespace Harmonie.Web.Playlists;

/// <summary>
/// The body of <c>POST /api/v1/playlists</c> → <see cref="PlaylistRequest"/>. Every schema violation is a 422
/// naming the field; members a mode does not use are ignored, as are unknown members.
/// </summary>
public static class PlaylistRequestParser
{
    /// <summary>At most this many errors are listed in one answer; the rest are counted.</summary>
    private const int MaxListedErrors = 10;

    public static ParseResult<PlaylistRequest> Parse(JsonElement body)
    {
        var errors = new List<string>();
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            return Failure("a JSON request body is required, e.g. {\"mode\": \"similar\", \"seeds\": [1]}");
        }

        if (JsonText.FindInvalidUtf8(body) is { } where)
        {
            return Failure($"{where} is not valid UTF-8");
        }

        if (JsonFields.Object(body, string.Empty, errors) is not { } fields)
        {
            return Failure("request body must be a JSON object");
        }

        if (ParseMode(fields.String("mode"), fields.Has("mode")) is not { } mode)
        {
            return Failure(fields.Has("mode") ? "mode must be one of similar, drift, vibe" : "mode is required (similar, drift or vibe)");
        }

        var filter = BodyFilterParser.Parse(fields.Get("filter"));
        if (!filter.IsSuccess)
        {
            errors.Add(filter.Detail!);
        }

        var request = new PlaylistRequest
        {
            Mode = mode,
            N = (int)Math.Clamp(fields.Int("n", 20), int.MinValue, int.MaxValue),
            Filter = filter.Value,
            ArtistCooldown = fields.Bool("artist_cooldown", true),
            DedupeTitles = fields.Bool("dedupe_titles", true),
        };
        request = mode == PlaylistMode.Vibe ? WithVibeFields(request, fields, errors) : WithSeedFields(request, fields, errors);
        errors.AddRange(PlaylistRequestValidator.Validate(request).Select(e => $"{e.Field}: {e.Message}"));
        return errors.Count == 0 ? ParseResult<PlaylistRequest>.Success(request) : Failure(Join(errors));
    }

    /// <summary>The optional body of <c>POST /playlists/{id}/next</c>: <c>{"n": 20}</c>.</summary>
    public static ParseResult<NextBatchRequest> ParseNext(JsonElement body)
    {
        if (body.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return ParseResult<NextBatchRequest>.Success(new NextBatchRequest(null));
        }

        if (JsonText.FindInvalidUtf8(body) is { } where)
        {
            return ParseResult<NextBatchRequest>.Failure(StatusCodes.Status422UnprocessableEntity, $"{where} is not valid UTF-8");
        }

        var errors = new List<string>();
        var fields = JsonFields.Object(body, string.Empty, errors);
        var n = fields?.NullableInt("n");
        if (n is { } count && PlaylistRequestValidator.CountError((int)Math.Clamp(count, int.MinValue, int.MaxValue)) is { } countError)
        {
            errors.Add($"n: {countError}");
        }

        return errors.Count == 0
            ? ParseResult<NextBatchRequest>.Success(new NextBatchRequest(n is null ? null : (int)n))
            : ParseResult<NextBatchRequest>.Failure(StatusCodes.Status422UnprocessableEntity, string.Join("; ", errors));
    }

    private static PlaylistRequest WithSeedFields(PlaylistRequest request, JsonFields fields, List<string> errors)
    {
        var seeds = new List<long>();
        foreach (var (seed, i) in fields.Array("seeds").Select((s, i) => (s, i)))
        {
            if (JsonFields.TryInt(seed, out var id))
            {
                seeds.Add(id);
            }
            else
            {
                errors.Add($"seeds[{i}] must be an integer");
            }
        }

        var weights = new List<double>();
        foreach (var (weight, i) in fields.Array("seed_weights").Select((w, i) => (w, i)))
        {
            if (JsonFields.TryDouble(weight, out var w))
            {
                weights.Add(w);
            }
            else
            {
                errors.Add($"seed_weights[{i}] must be a number");
            }
        }

        var refs = fields.Array("seed_refs").Select((r, i) => ParseSeedRef(r, $"seed_refs[{i}]", errors)).OfType<SeedReference>().ToList();
        var smooth = fields.Has("smooth_transitions") ? JsonFields.Object(fields.Get("smooth_transitions"), fields.Name("smooth_transitions"), errors) : null;
        return request with
        {
            Seeds = seeds,
            SeedWeights = weights,
            SeedRefs = refs,
            Variation = fields.Double("variation", 0),
            RngSeed = fields.NullableInt("rng_seed"),
            IncludeSeeds = fields.Bool("include_seeds", false),
            ChunkSize = (int)Math.Clamp(fields.Int("chunk_size", 5), int.MinValue, int.MaxValue),
            SmoothTransitions = smooth is null
                ? new SmoothTransitions()
                : new SmoothTransitions { BpmTolerance = smooth.NullableDouble("bpm_tolerance"), KeyCompatible = smooth.Bool("key_compatible", false) },
        };
    }

    private static PlaylistRequest WithVibeFields(PlaylistRequest request, JsonFields fields, List<string> errors)
    {
        var target = fields.Has("target") ? JsonFields.Object(fields.Get("target"), fields.Name("target"), errors) : null;
        return request with
        {
            Target = target is null ? new VibeTarget() : new VibeTarget { Bpm = target.NullableDouble("bpm"), Danceability = target.NullableDouble("danceability") },
            Shuffle = fields.Bool("shuffle", true),
            RngSeed = fields.NullableInt("rng_seed"),
        };
    }

    private static SeedReference? ParseSeedRef(JsonElement element, string name, List<string> errors)
    {
        if (JsonFields.Object(element, name, errors) is not { } fields)
        {
            return null;
        }

        return new SeedReference
        {
            Reference = new TrackReference
            {
                Path = fields.String("path"),
                Artist = fields.String("artist"),
                Album = fields.String("album"),
                Title = fields.String("title"),
            },
            Weight = fields.NullableDouble("weight"),
        };
    }

    private static PlaylistMode? ParseMode(string? mode, bool present) => !present ? null : mode switch
    {
        "similar" => PlaylistMode.Similar,
        "drift" => PlaylistMode.Drift,
        "vibe" => PlaylistMode.Vibe,
        _ => null,
    };

    private static string Join(List<string> errors)
    {
        var distinct = errors.Distinct().ToList();
        var listed = string.Join("; ", distinct.Take(MaxListedErrors));
        return distinct.Count <= MaxListedErrors ? listed : $"{listed}; and {distinct.Count - MaxListedErrors} more error(s)";
    }

    private static ParseResult<PlaylistRequest> Failure(string detail) =>
        ParseResult<PlaylistRequest>.Failure(StatusCodes.Status422UnprocessableEntity, detail);
}
