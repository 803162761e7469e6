using System.Text;

namespace Harmonie.Web.Tests.Reliability;

/// <summary>One generated HTTP request; printed in full when the fuzzer finds a failure.</summary>
public sealed record FuzzRequest(HttpMethod Method, string PathAndQuery, byte[]? Body, string? ContentType)
{
    public override string ToString() =>
        $"{Method} {PathAndQuery} [{ContentType}] {(Body is null ? "(no body)" : Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 400))))}";
}
