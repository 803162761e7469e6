using Harmonie.Web.OpenApi;
using Microsoft.AspNetCore.Http;

namespace Harmonie.Web.Filtering;

/// <summary>Query parameters of <c>/genres</c> (<c>style_min</c>) and <c>/styles</c> (<c>style_min</c>, <c>genre</c>).</summary>
public static class StyleListingParser
{
    public static QueryParameterDoc StyleMinDocumentation { get; } =
        new("style_min", "Only count style rows at or above this probability, 0.0-1.0 (default 0.0).");

    public static QueryParameterDoc GenreDocumentation { get; } =
        new("genre", "Only the styles of this Discogs genre (e.g. `Electronic`).");

    /// <summary><c>/genres</c>: <c>style_min</c> in [0, 1] (else 422); any <c>genre</c> parameter is ignored.</summary>
    public static ParseResult<StyleListingQuery> ParseGenreListing(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<string>(1);
        var styleMin = UrlFilterParser.ParseStyleMin(query, errors);
        return errors.Count > 0
            ? ParseResult<StyleListingQuery>.Failure(StatusCodes.Status422UnprocessableEntity, errors[0])
            : ParseResult<StyleListingQuery>.Success(new StyleListingQuery(styleMin, null));
    }

    /// <summary>
    /// <c>/styles</c>: <c>style_min</c> as for genres; <c>genre</c> scopes to <c>genre---*</c> labels (empty = all),
    /// and a value containing <c>---</c> is 400 <c>genre must not contain '---'</c>.
    /// </summary>
    public static ParseResult<StyleListingQuery> ParseStyleListing(IQueryCollection query)
    {
        var parsed = ParseGenreListing(query);
        if (!parsed.IsSuccess)
        {
            return parsed;
        }

        var genre = UrlFilterParser.Last(query["genre"]);
        if (string.IsNullOrEmpty(genre))
        {
            return parsed;
        }

        return FilterValues.ContainsLabelSeparator(genre)
            ? ParseResult<StyleListingQuery>.Failure(StatusCodes.Status400BadRequest, $"genre must not contain '{FilterValues.LabelSeparator}'")
            : ParseResult<StyleListingQuery>.Success(parsed.Value with { Genre = genre });
    }
}
