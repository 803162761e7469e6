namespace Harmonie.Engines.VectorIndex;

/// <summary>
/// Which ids a search may return: <see cref="Allowed"/> restricts (null = every id, empty = none) and
/// <see cref="Excluded"/> removes ids (e.g. the query track itself). The sets are used as given, not copied:
/// do not change them while a search runs.
/// </summary>
public sealed class VectorFilter
{
    private static readonly IReadOnlySet<long> NoIds = new HashSet<long>();

    public VectorFilter(IReadOnlySet<long>? allowed = null, IReadOnlySet<long>? excluded = null)
    {
        Allowed = allowed;
        Excluded = excluded ?? NoIds;
    }

    /// <summary>A filter that lets every id through.</summary>
    public static VectorFilter None { get; } = new();

    /// <summary>Null: every id is allowed. Empty: nothing is allowed.</summary>
    public IReadOnlySet<long>? Allowed { get; }

    public IReadOnlySet<long> Excluded { get; }

    public bool Permits(long id) => (Allowed is null || Allowed.Contains(id)) && !Excluded.Contains(id);

    public static VectorFilter Excluding(params IEnumerable<long> ids) => new(excluded: ids.ToHashSet());

    public static VectorFilter AllowingOnly(IEnumerable<long> allowed, IEnumerable<long>? excluded = null) =>
        new(allowed.ToHashSet(), excluded?.ToHashSet());
}
