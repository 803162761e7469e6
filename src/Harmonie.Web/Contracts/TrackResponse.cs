using System.Diagnostics.CodeAnalysis;
using Harmonie.Tracks;

namespace Harmonie.Web.Contracts;

/// <summary>The full track record (API.md "Get a track").</summary>
public sealed record TrackResponse : TrackSummaryResponse
{
    public required long Size { get; init; }

    public required double Mtime { get; init; }

    public int? EmbeddingDim { get; init; }

    public required int DescriptorVersion { get; init; }

    public double? BpmConfidence { get; init; }

    public double? KeyStrength { get; init; }

    public double? OnsetRate { get; init; }

    public required double AnalyzedAt { get; init; }

    public static new TrackResponse From(TrackRecord track) => new(track);

    [SetsRequiredMembers]
    private TrackResponse(TrackRecord t)
        : base(t)
    {
        Size = t.Size;
        Mtime = t.Mtime;
        EmbeddingDim = t.EmbeddingDim;
        DescriptorVersion = t.DescriptorVersion;
        BpmConfidence = t.Descriptors.BpmConfidence;
        KeyStrength = t.Descriptors.KeyStrength;
        OnsetRate = t.Descriptors.OnsetRate;
        AnalyzedAt = t.AnalyzedAt;
    }
}
