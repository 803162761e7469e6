using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Harmonie.Web.Tests.Reliability;

/// <summary>
/// Generators of hostile requests over every route, query parameter and body field: wrong JSON types, values at
/// and past the limits, huge strings, invalid UTF-8 in bodies and query strings, wrong content types, bad ids.
/// </summary>
public static class RequestGenerators
{
    /// <summary>Replaced by bytes that are not UTF-8 after the body is serialised.</summary>
    private const string BadUtf8Marker = "@@BAD-UTF8@@";

    private static readonly string[] QueryNames =
    [
        "limit", "offset", "order_by", "model", "bpm", "danceability", "loudness", "key", "scale", "genre", "style",
        "style_min", "style_mode", "path", "artist", "album", "title", "force", "failures", "x",
    ];

    private static readonly string[] BodyFields =
    [
        "mode", "n", "filter", "seeds", "seed_weights", "seed_refs", "include_seeds", "smooth_transitions", "variation",
        "chunk_size", "target", "shuffle", "rng_seed", "artist_cooldown", "dedupe_titles", "junk",
    ];

    private static readonly string[] FilterFields = ["bpm", "danceability", "loudness", "key", "scale", "genre", "style", "style_min", "style_mode"];

    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf(
            "", "0", "1", "-1", "3", "120..130", "..130", "120..", "..", "1e309", "NaN", "-Infinity", "true", "all", "any",
            "major", "minor", "Electronic", "House", "Electronic---House", "A", "C#", "Bb", "id", "path", "bpm",
            "similar", "drift", "vibe", "99999999999999999999", "0.5", "-0", " ", "\u0000", "../../etc/passwd", BadUtf8Marker)),
        (2, Gen.Int[-5, 100_000].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.String[0, 30]),
        (1, Gen.Char.Array[1000, 5000].Select(chars => new string(chars))));

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Long[-10, 1_000_000].Select(l => (JsonNode?)JsonValue.Create(l))),
        (1, Gen.OneOf(long.MaxValue, long.MinValue, int.MaxValue + 1L).Select(l => (JsonNode?)JsonValue.Create(l))),
        (1, Gen.Double[-1e6, 1e6].Select(d => (JsonNode?)JsonValue.Create(d))),
        (2, Text.Select(s => (JsonNode?)JsonValue.Create(s))));

    private static readonly Gen<JsonNode?> Value = Gen.Frequency(
        (5, Scalar),
        (2, Scalar.Array[0, 6].Select(items => (JsonNode?)new JsonArray(items))),
        (1, Gen.Long[0, 40].Array[0, 40].Select(ids => (JsonNode?)new JsonArray([.. ids.Select(id => (JsonNode?)JsonValue.Create(id))]))),
        (2, Object(FilterFields.Concat(["gte", "lte", "path", "title", "artist", "bpm_tolerance", "key_compatible", "weight"]).ToArray(), Scalar)));

    private static readonly Gen<JsonNode?> Body = Gen.Frequency(
        (8, Object(BodyFields, Value)),
        (1, Value));

    private static readonly Gen<string> QueryString = Gen.Select(Gen.OneOf(QueryNames), Text)
        .Array[0, 5]
        .Select(pairs => pairs.Length == 0 ? string.Empty : "?" + string.Join('&', pairs.Select(p => $"{p.Item1}={Escape(p.Item2)}")));

    private static readonly Gen<string> Id = Gen.Frequency(
        (4, Gen.Long[0, 20].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("-1", "9223372036854775808", "abc", "1.5", "%ff", "00000000000000000000000000000000")),
        (1, Gen.Guid.Select(g => g.ToString("N"))));

    private static readonly Gen<FuzzRequest> Get = Gen.Select(
        Gen.OneOf(
            "/api/v1/tracks", "/api/v1/tracks/{id}", "/api/v1/tracks/{id}/similar", "/api/v1/tracks/resolve", "/api/v1/genres",
            "/api/v1/styles", "/api/v1/scans", "/api/v1/scans/{id}", "/api/v1/playlists/{id}", "/api/v1/status", "/api/v1/scan", "/health"),
        Id,
        QueryString,
        (route, id, query) => new FuzzRequest(HttpMethod.Get, route.Replace("{id}", id, StringComparison.Ordinal) + query, null, null));

    private static readonly Gen<FuzzRequest> Post = Gen.Select(
        Gen.OneOf("/api/v1/playlists", "/api/v1/playlists/{id}/next"),
        Id,
        Body,
        Gen.Frequency((20, Gen.Const("application/json")), (1, Gen.Const("text/plain")), (1, Gen.Const((string)null!))),
        Gen.Int[0, 40],
        (route, id, body, contentType, mangle) => new FuzzRequest(
            HttpMethod.Post, route.Replace("{id}", id, StringComparison.Ordinal), Serialise(body, mangle), contentType));

    public static readonly Gen<FuzzRequest> Request = Gen.Frequency((3, Get), (2, Post));

    private static Gen<JsonNode?> Object(string[] names, Gen<JsonNode?> values) =>
        Gen.Select(Gen.OneOf(names), values).Array[0, 6].Select(members =>
        {
            var node = new JsonObject();
            foreach (var (name, value) in members)
            {
                node[name] = value?.DeepClone();
            }

            return (JsonNode?)node;
        });

    /// <summary>JSON bytes, sometimes with a string that is not UTF-8, cut short, or empty.</summary>
    private static byte[] Serialise(JsonNode? body, int mangle)
    {
        var bytes = Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null");
        return mangle switch
        {
            0 => [],
            1 => bytes[..(bytes.Length / 2)],
            _ => ReplaceMarker(bytes),
        };
    }

    private static byte[] ReplaceMarker(byte[] bytes)
    {
        var marker = Encoding.UTF8.GetBytes(BadUtf8Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        return at < 0 ? bytes : [.. bytes[..at], 0xC3, 0x28, 0xFF, .. bytes[(at + marker.Length)..]];
    }

    private static string Escape(string value) =>
        value == BadUtf8Marker ? "%C3%28%FF" : Uri.EscapeDataString(value.Length > 2000 ? value[..2000] : value);
}
