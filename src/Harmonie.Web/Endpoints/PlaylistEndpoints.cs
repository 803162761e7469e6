using System.Text.Json;
using Harmonie.Playlists;
using Harmonie.Web.Contracts;
using Harmonie.Web.Contracts.Requests;
using Harmonie.Web.OpenApi;
using Harmonie.Web.Playlists;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Harmonie.Web.Endpoints;

/// <summary><c>/playlists</c>: similar, drift and vibe playlists, and their endless-radio sessions.</summary>
public static class PlaylistEndpoints
{
    public static void MapPlaylistEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/playlists", async ([FromBody] JsonElement? body, IGrainFactory grains, CancellationToken ct) =>
            {
                var request = PlaylistRequestParser.Parse(body ?? default);
                if (!request.IsSuccess)
                {
                    return request.ToErrorResult();
                }

                var session = grains.GetGrain<IPlaylistSessionGrain>(Guid.NewGuid());
                return await RunAsync(() => session.StartAsync(request.Value!, ct));
            })
            .Accepts<PlaylistRequestBody>("application/json")
            .Produces<PlaylistResponse>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("CreatePlaylist").WithTags("Playlists")
            .WithSummary("Build a playlist")
            .WithDescription("Build a playlist (mode similar, drift or vibe). The response's session_id continues it with /playlists/{session_id}/next.");

        api.MapPost("/playlists/{sessionId}/next", async (string sessionId, HttpRequest http, IGrainFactory grains, CancellationToken ct) =>
            {
                if (!Guid.TryParse(sessionId, out var id))
                {
                    return SessionNotFound(sessionId);
                }

                JsonElement body = default;
                try
                {
                    if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
                    {
                        body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Body, cancellationToken: ct);
                    }
                }
                catch (JsonException ex)
                {
                    return ApiResults.Unprocessable($"invalid JSON body: {ex.Message}");
                }

                var next = PlaylistRequestParser.ParseNext(body);
                if (!next.IsSuccess)
                {
                    return next.ToErrorResult();
                }

                var session = grains.GetGrain<IPlaylistSessionGrain>(id);
                return await RunAsync(async () =>
                {
                    var count = next.Value!.Count ?? (await session.GetAsync(ct)).Request.N;
                    return await session.NextAsync(count, ct);
                });
            })
            .Accepts<NextBatchBody>(isOptional: true, "application/json")
            .Produces<PlaylistResponse>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .AsContractExtension()
            .WithName("ContinuePlaylist").WithTags("Playlists")
            .WithSummary("Continue a playlist")
            .WithDescription("Endless radio (extension): the next n tracks of a session, never repeating a track or song it already returned. Optional body {\"n\": 20}.");

        api.MapGet("/playlists/{sessionId}", async (string sessionId, IGrainFactory grains, CancellationToken ct) =>
            {
                if (!Guid.TryParse(sessionId, out var id))
                {
                    return SessionNotFound(sessionId);
                }

                try
                {
                    return Results.Ok(PlaylistSessionResponse.From(await grains.GetGrain<IPlaylistSessionGrain>(id).GetAsync(ct)));
                }
                catch (PlaylistException ex)
                {
                    return ToResult(ex);
                }
            })
            .Produces<PlaylistSessionResponse>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .AsContractExtension()
            .WithName("GetPlaylistSession").WithTags("Playlists")
            .WithSummary("Get a playlist session")
            .WithDescription("A playlist session so far (extension). Unknown or expired sessions are 404.");
    }

    private static async Task<IResult> RunAsync(Func<Task<PlaylistResult>> run)
    {
        try
        {
            return Results.Ok(PlaylistResponse.From(await run()));
        }
        catch (PlaylistException ex)
        {
            return ToResult(ex);
        }
    }

    private static IResult ToResult(PlaylistException ex) => ex.Kind switch
    {
        PlaylistErrorKind.NotFound => ApiResults.NotFound(ex.Message),
        PlaylistErrorKind.BadRequest => ApiResults.BadRequest(ex.Message),
        _ => ApiResults.Unprocessable(ex.Message),
    };

    private static IResult SessionNotFound(string sessionId) => ApiResults.NotFound($"playlist session {sessionId} not found or expired");
}
