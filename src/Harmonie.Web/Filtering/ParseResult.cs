using System.Diagnostics.CodeAnalysis;
using Harmonie.Web.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Harmonie.Web.Filtering;

/// <summary>A parsed request value, or the HTTP status and <c>detail</c> message explaining why it was rejected.</summary>
public sealed class ParseResult<T>
    where T : class
{
    private ParseResult(T? value, int status, string? detail)
    {
        Value = value;
        Status = status;
        Detail = detail;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Detail))]
    public bool IsSuccess => Value is not null;

    public T? Value { get; }

    /// <summary>200 on success, otherwise 400 or 422.</summary>
    public int Status { get; }

    public string? Detail { get; }

    public static ParseResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), StatusCodes.Status200OK, null);

    public static ParseResult<T> Failure(int status, string detail) => new(null, status, detail);

    /// <summary>The <c>{"detail": ...}</c> response for a failed parse.</summary>
    public IResult ToErrorResult() =>
        IsSuccess ? throw new InvalidOperationException("the value was parsed successfully") : ApiResults.Error(Status, Detail);
}
