using Harmonie.Catalog;
using Harmonie.Similarity;
using Harmonie.Tracks;
using Harmonie.Web.Contracts;
using Harmonie.Web.Filtering;
using Harmonie.Web.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Harmonie.Web.Endpoints;

/// <summary><c>/tracks</c>: listing, one track, resolution.</summary>
public static class TrackEndpoints
{
    public static void MapTrackEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tracks", async (
                int? limit,
                int? offset,
                [FromQuery(Name = "order_by")] string? orderBy,
                string? model,
                HttpRequest request,
                IGrainFactory grains,
                CancellationToken ct) =>
            {
                if ((QueryValues.CheckRange("limit", limit, 1, 1000) ?? QueryValues.CheckRange("offset", offset, 0, int.MaxValue)) is { } error)
                {
                    return ApiResults.Unprocessable(error);
                }

                if (!TryParseOrder(orderBy, out var order))
                {
                    return ApiResults.Unprocessable($"order_by must be one of id, path, bpm, duration, analyzed_at, got '{orderBy}'");
                }

                var filter = UrlFilterParser.Parse(request.Query);
                if (!filter.IsSuccess)
                {
                    return filter.ToErrorResult();
                }

                var query = new TrackListQuery { Limit = limit ?? 100, Offset = offset ?? 0, OrderBy = order, Model = model };
                var page = filter.Value!.IsEmpty
                    ? await grains.GetGrain<ICatalogGrain>(0).ListTracksAsync(query, ct)
                    : await grains.GetGrain<IIndexQueryGrain>(0).ListAsync(query, filter.Value, ct);
                return Results.Ok(new PageResponse<TrackSummaryResponse>(
                    [.. page.Items.Select(TrackSummaryResponse.From)], page.Total, query.Limit, query.Offset));
            })
            .Produces<PageResponse<TrackSummaryResponse>>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .WithQueryParameters(UrlFilterParser.Documentation)
            .WithName("ListTracks").WithTags("Tracks")
            .WithSummary("List tracks")
            .WithDescription("Paginated track listing; accepts every filter parameter (bpm, danceability, loudness, key, scale, genre, style, style_min, style_mode).");

        api.MapGet("/tracks/resolve", async (string? path, string? artist, string? album, string? title, IGrainFactory grains, CancellationToken ct) =>
            {
                var reference = new TrackReference { Path = path, Artist = artist, Album = album, Title = title };
                if (reference.IsEmpty)
                {
                    return ApiResults.BadRequest("at least one of path, artist, album, title must be provided");
                }

                var track = await grains.GetGrain<ICatalogGrain>(0).ResolveAsync(reference, ct);
                return track is null ? ApiResults.NotFound("no matching track") : Results.Ok(TrackResponse.From(track));
            })
            .Produces<TrackResponse>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithName("ResolveTrack").WithTags("Tracks").WithSummary("Resolve a track")
            .WithDescription("Find one track by path and/or tags (resolution ladder).");

        api.MapGet("/tracks/{id}", async (string id, IGrainFactory grains, CancellationToken ct) =>
            {
                if (!long.TryParse(id, out var trackId))
                {
                    return ApiResults.Unprocessable($"track id must be an integer, got '{id}'");
                }

                var track = await grains.GetGrain<ICatalogGrain>(0).GetTrackAsync(trackId, ct);
                return track is null ? ApiResults.NotFound($"track {trackId} not found") : Results.Ok(TrackResponse.From(track));
            })
            .Produces<TrackResponse>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("GetTrack").WithTags("Tracks").WithSummary("Get a track")
            .WithDescription("Full track record.");

        api.MapGet("/tracks/{id}/similar", async (
                string id,
                int? limit,
                [FromQuery(Name = "include_self")] string? includeSelf,
                HttpRequest request,
                IGrainFactory grains,
                CancellationToken ct) =>
            {
                if (!long.TryParse(id, out var trackId))
                {
                    return ApiResults.Unprocessable($"track id must be an integer, got '{id}'");
                }

                if (QueryValues.CheckRange("limit", limit, 1, 500) is { } error)
                {
                    return ApiResults.Unprocessable(error);
                }

                if (!QueryValues.TryParseBool(includeSelf, false, out var withSelf))
                {
                    return ApiResults.Unprocessable($"include_self must be a boolean, got '{includeSelf}'");
                }

                var filter = UrlFilterParser.Parse(request.Query);
                if (!filter.IsSuccess)
                {
                    return filter.ToErrorResult();
                }

                var result = await grains.GetGrain<IIndexQueryGrain>(0).SimilarAsync(trackId, limit ?? 10, withSelf, filter.Value!, ct);
                return result.Found
                    ? Results.Ok(new SimilarResponse(trackId, [.. result.Matches.Select(m => MatchResponse.From(m.Track, m.Score))]))
                    : ApiResults.NotFound($"track {trackId} not found");
            })
            .Produces<SimilarResponse>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithQueryParameters(UrlFilterParser.Documentation)
            .WithName("SimilarTracks").WithTags("Tracks")
            .WithSummary("Similar tracks")
            .WithDescription("Top tracks by cosine similarity to this track's embedding (same model only); filter parameters gate the candidates.");
    }

    private static bool TryParseOrder(string? value, out TrackOrder order)
    {
        order = (value ?? "id") switch
        {
            "id" => TrackOrder.Id,
            "path" => TrackOrder.Path,
            "bpm" => TrackOrder.Bpm,
            "duration" => TrackOrder.Duration,
            "analyzed_at" => TrackOrder.AnalyzedAt,
            _ => (TrackOrder)(-1),
        };
        return Enum.IsDefined(order);
    }
}
