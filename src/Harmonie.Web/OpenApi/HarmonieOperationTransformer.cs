using System.Text.Json;
using System.Text.Json.Nodes;
using Harmonie.Web.Contracts;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Harmonie.Web.OpenApi;

/// <summary>
/// Completes each operation from endpoint metadata: the parameters handlers parse themselves (the filter
/// language), the 401 and 503 every <c>/api/v1</c> route can answer, and the extension mark.
/// </summary>
internal sealed class HarmonieOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;

        // Handlers that parse the JSON themselves take a JsonElement; the declared Accepts<T> type documents it.
        if (metadata.OfType<IAcceptsMetadata>().LastOrDefault(a => a.RequestType is { } t && t != typeof(JsonElement)) is { RequestType: { } bodyType }
            && operation.RequestBody?.Content is { } content)
        {
            var schema = await context.GetOrCreateSchemaAsync(bodyType, null, cancellationToken);
            foreach (var mediaType in content.Values)
            {
                mediaType.Schema = schema;
            }
        }
        if (metadata.OfType<DocumentedQueryParameters>().FirstOrDefault() is { } documented)
        {
            operation.Parameters ??= [];
            foreach (var parameter in documented.Parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = ParameterLocation.Query,
                    Description = parameter.Description,
                    Schema = parameter.Repeatable
                        ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } }
                        : new OpenApiSchema { Type = JsonSchemaType.String },
                    Explode = parameter.Repeatable,
                });
            }
        }

        if (metadata.OfType<ContractExtension>().Any())
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-harmonie-extension"] = new JsonNodeExtension(JsonValue.Create(true));
        }

        if (context.Description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true)
        {
            var error = await context.GetOrCreateSchemaAsync(typeof(ErrorResponse), null, cancellationToken);
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", Error(error, "HARMONIE_API_KEY is set and the request lacks the key (X-API-Key)."));
            operation.Responses.TryAdd("503", Error(error, "Not ready yet, an index still loading, or a cluster member lost mid-request; retry after Retry-After seconds."));
        }
    }

    private static OpenApiResponse Error(IOpenApiSchema schema, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };
}
