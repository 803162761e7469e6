using Harmonie.Filtering;
using Harmonie.Similarity;
using Harmonie.Web.Contracts;
using Harmonie.Web.Filtering;
using Harmonie.Web.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Harmonie.Web.Endpoints;

/// <summary><c>/genres</c> and <c>/styles</c>: the Discogs taxonomy present in the library.</summary>
public static class StyleEndpoints
{
    public static void MapStyleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/genres", async (HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            {
                var query = StyleListingParser.ParseGenreListing(request.Query);
                if (!query.IsSuccess)
                {
                    return query.ToErrorResult();
                }

                var genres = await grains.GetGrain<IIndexQueryGrain>(0).GenresAsync(query.Value!.StyleMin, ct);
                return Results.Ok(new ListResponse<GenreSummary>(genres, genres.Count));
            })
            .Produces<ListResponse<GenreSummary>>()
            .ProducesErrors(StatusCodes.Status422UnprocessableEntity)
            .WithQueryParameters([StyleListingParser.StyleMinDocumentation])
            .WithName("ListGenres").WithTags("Genres and styles")
            .WithSummary("List genres")
            .WithDescription("Top-level Discogs genres in the library; track_count counts style rows. Query: style_min.");

        api.MapGet("/styles", async (HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            {
                var query = StyleListingParser.ParseStyleListing(request.Query);
                if (!query.IsSuccess)
                {
                    return query.ToErrorResult();
                }

                var styles = await grains.GetGrain<IIndexQueryGrain>(0).StylesAsync(query.Value!.StyleMin, query.Value.Genre, ct);
                return Results.Ok(new ListResponse<StyleSummary>(styles, styles.Count));
            })
            .Produces<ListResponse<StyleSummary>>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .WithQueryParameters([StyleListingParser.StyleMinDocumentation, StyleListingParser.GenreDocumentation])
            .WithName("ListStyles").WithTags("Genres and styles")
            .WithSummary("List styles")
            .WithDescription("Discogs-400 styles in the library, optionally scoped to one genre. Query: style_min, genre.");
    }
}
