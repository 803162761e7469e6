namespace Harmonie.TestSupport.Import;

/// <summary>One row of a Python harmonie <c>tracks</c> table, as a test writes it.</summary>
public sealed record PythonTrack
{
    public required long Id { get; init; }

    public required string Path { get; init; }

    public string? LibraryRoot { get; init; } = "/music";

    public string? RelativePath { get; init; }

    public long Size { get; init; } = 4_000_000;

    public double Mtime { get; init; } = 1_700_000_000.25;

    public double Duration { get; init; } = 215.5;

    /// <summary>Null writes an empty blob (the column is NOT NULL).</summary>
    public float[]? Embedding { get; init; }

    /// <summary>The stored <c>embedding_dim</c>; defaults to the vector's length.</summary>
    public int? EmbeddingDim { get; init; }

    public string Model { get; init; } = "discogs-effnet-bs64-1";

    public int DescriptorVersion { get; init; } = 1;

    public double? Bpm { get; init; } = 124.5;

    public double? BpmConfidence { get; init; } = 3.75;

    public string? Key { get; init; } = "F#";

    public string? Scale { get; init; } = "minor";

    public double? KeyStrength { get; init; } = 0.625;

    public double? Loudness { get; init; } = -8.25;

    public double? Danceability { get; init; } = 1.375;

    public double? OnsetRate { get; init; } = 4.5;

    public string? Artist { get; init; } = "Aphex Twin";

    public string? Album { get; init; } = "Selected Ambient Works";

    public string? Title { get; init; } = "Xtal";

    public int? TrackNumber { get; init; } = 1;

    public float[]? StyleActivations { get; init; }

    /// <summary>Raw blob overriding <see cref="StyleActivations"/> (to write a wrong length).</summary>
    public byte[]? StyleBlob { get; init; }

    /// <summary>Raw blob overriding <see cref="Embedding"/> (to write a wrong length).</summary>
    public byte[]? EmbeddingBlob { get; init; }

    public double AnalyzedAt { get; init; } = 1_700_000_500.5;

    public string? Fingerprint { get; init; } = "0123456789abcdef0123456789abcdef";

    public IReadOnlyList<(string Style, double Probability)> Styles { get; init; } = [];
}
