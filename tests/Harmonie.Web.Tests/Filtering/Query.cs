using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Harmonie.Web.Tests.Filtering;

internal static class Query
{
    /// <summary>A query collection exactly as ASP.NET Core builds it from a raw query string.</summary>
    public static IQueryCollection Parse(string queryString) => new QueryCollection(QueryHelpers.ParseQuery(queryString));
}
