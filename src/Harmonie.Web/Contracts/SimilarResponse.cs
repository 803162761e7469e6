namespace Harmonie.Web.Contracts;

public sealed record SimilarResponse(long QueryId, IReadOnlyList<MatchResponse> Matches);
