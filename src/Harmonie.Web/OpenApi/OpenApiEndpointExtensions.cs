using Harmonie.Web.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Harmonie.Web.OpenApi;

/// <summary>Documentation helpers for endpoint declarations.</summary>
public static class OpenApiEndpointExtensions
{
    /// <summary>Documents the error statuses an endpoint answers, each with the <c>{"detail": ...}</c> body.</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ErrorResponse>(status);
        }

        return builder;
    }

    /// <summary>Marks an endpoint as harmonie's extension of the original contract.</summary>
    public static RouteHandlerBuilder AsContractExtension(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(ContractExtension.Instance);

    /// <summary>Documents query parameters the handler reads from the raw query string.</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, IReadOnlyList<QueryParameterDoc> parameters) =>
        builder.WithMetadata(new DocumentedQueryParameters(parameters));
}
