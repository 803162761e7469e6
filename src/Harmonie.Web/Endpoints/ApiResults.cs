using Harmonie.Web.Contracts;
using Microsoft.AspNetCore.Http;

namespace Harmonie.Web.Endpoints;

/// <summary>Error results in the API's <c>{"detail": ...}</c> shape.</summary>
public static class ApiResults
{
    public static IResult BadRequest(string detail) => Error(StatusCodes.Status400BadRequest, detail);

    public static IResult NotFound(string detail) => Error(StatusCodes.Status404NotFound, detail);

    public static IResult Unprocessable(string detail) => Error(StatusCodes.Status422UnprocessableEntity, detail);

    public static IResult Error(int status, string detail) => Results.Json(new ErrorResponse(detail), statusCode: status);
}
