using Harmonie.Filtering;
using Harmonie.Web.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Harmonie.Web.Filtering;

/// <summary>
/// The URL form of the filter language (GET <c>/tracks</c>, <c>/tracks/{id}/similar</c>): ranges
/// <c>bpm</c>, <c>danceability</c>, <c>loudness</c>; repeated <c>key</c>, <c>genre</c>, <c>style</c>;
/// <c>scale</c>, <c>style_min</c>, <c>style_mode</c>. Empty values are no constraint; for single-valued
/// parameters the last occurrence wins.
/// </summary>
public static class UrlFilterParser
{
    private const string InvalidFilter = "invalid filter: ";

    /// <summary>The parameters <see cref="Parse"/> reads, for the OpenAPI document.</summary>
    public static IReadOnlyList<QueryParameterDoc> Documentation { get; } =
    [
        new("bpm", "Tempo range in BPM: `120..130`, `120..`, `..130` or an exact `128`."),
        new("danceability", "Danceability range (Essentia's score; higher is more danceable), same syntax as bpm."),
        new("loudness", "ReplayGain loudness range in dB (negative numbers), same syntax as bpm."),
        new("key", "Pitch class; repeat for any of several.", Repeatable: true),
        new("scale", "`major` or `minor`."),
        new("genre", "Discogs genre, the left side of `Genre---Style`; repeat for any of several.", Repeatable: true),
        new("style", "Discogs style, the right side of `Genre---Style`; repeat for any of several. With genre: the exact label.", Repeatable: true),
        new("style_min", "Minimum classifier probability for a style row to count, 0.0-1.0."),
        new("style_mode", "`any` (default) or `all` of the requested genre/style constraints."),
    ];

    /// <summary>
    /// Parses the filter parameters. <c>style_min</c>/<c>style_mode</c> violations are 422 (schema validation,
    /// checked first); range syntax and <c>---</c> in genre/style are 400 <c>invalid filter: …</c>.
    /// </summary>
    public static ParseResult<TrackFilter> Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);

        var schemaErrors = new List<string>(2);
        var styleMin = ParseStyleMin(query, schemaErrors);
        var styleMode = ParseStyleMode(Last(query["style_mode"]), schemaErrors);
        if (schemaErrors.Count > 0)
        {
            return ParseResult<TrackFilter>.Failure(StatusCodes.Status422UnprocessableEntity, string.Join("; ", schemaErrors));
        }

        if (!TryParseRange(query, "bpm", out var bpm, out var error)
            || !TryParseRange(query, "danceability", out var danceability, out error)
            || !TryParseRange(query, "loudness", out var loudness, out error))
        {
            return ParseResult<TrackFilter>.Failure(StatusCodes.Status400BadRequest, InvalidFilter + error);
        }

        var genres = Values(query["genre"]);
        var styles = Values(query["style"]);
        if (genres.Any(FilterValues.ContainsLabelSeparator))
        {
            return ParseResult<TrackFilter>.Failure(StatusCodes.Status400BadRequest, InvalidFilter + FilterValues.SeparatorError("genre"));
        }

        if (styles.Any(FilterValues.ContainsLabelSeparator))
        {
            return ParseResult<TrackFilter>.Failure(StatusCodes.Status400BadRequest, InvalidFilter + FilterValues.SeparatorError("style"));
        }

        var scale = Last(query["scale"]);
        return ParseResult<TrackFilter>.Success(new TrackFilter
        {
            Bpm = bpm,
            Danceability = danceability,
            Loudness = loudness,
            Keys = Values(query["key"]),
            Scale = string.IsNullOrEmpty(scale) ? null : scale,
            Genres = genres,
            Styles = styles,
            StyleMin = styleMin,
            StyleMode = styleMode,
        });
    }

    /// <summary>Parses <c>style_min</c> alone (empty or absent = 0); adds a 422 message on failure.</summary>
    internal static double ParseStyleMin(IQueryCollection query, List<string> errors)
    {
        var raw = Last(query["style_min"]);
        if (string.IsNullOrEmpty(raw))
        {
            return 0;
        }

        if (PythonFloat.TryParse(raw, out var value) && FilterValues.IsValidStyleMin(value))
        {
            return value;
        }

        errors.Add($"style_min must be a number between 0 and 1, got '{raw}'");
        return 0;
    }

    internal static string? Last(StringValues values) => values.Count == 0 ? null : values[values.Count - 1];

    private static StyleMatchMode ParseStyleMode(string? raw, List<string> errors)
    {
        switch (raw)
        {
            case null or "" or FilterValues.AnyMode:
                return StyleMatchMode.Any;
            case FilterValues.AllMode:
                return StyleMatchMode.All;
            default:
                errors.Add($"style_mode must be '{FilterValues.AnyMode}' or '{FilterValues.AllMode}', got '{raw}'");
                return StyleMatchMode.Any;
        }
    }

    private static bool TryParseRange(IQueryCollection query, string name, out NumericRange? range, out string? error)
    {
        if (RangeSyntax.TryParse(Last(query[name]), out range, out var message))
        {
            error = null;
            return true;
        }

        error = $"{name}: {message}";
        return false;
    }

    private static string[] Values(StringValues values) => [.. values.Where(value => !string.IsNullOrEmpty(value)).Select(value => value!)];
}
