namespace Harmonie.Grains.Playlists;

/// <summary>
/// The playlist sessions held by this silo, least recently used first. Admitting one beyond the capacity
/// returns the oldest to drop, so memory stays bounded however fast clients create playlists.
/// </summary>
public sealed class PlaylistSessionRegistry(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Guid> _order = new();
    private readonly Dictionary<Guid, LinkedListNode<Guid>> _nodes = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>Marks <paramref name="id"/> as just used; returns the sessions to drop to stay within the capacity.</summary>
    public IReadOnlyList<Guid> Use(Guid id)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(id, out var node))
            {
                _order.Remove(node);
                _order.AddLast(node);
                return [];
            }

            _nodes[id] = _order.AddLast(id);
            var evicted = new List<Guid>();
            while (_nodes.Count > capacity && _order.First is { } oldest)
            {
                _order.RemoveFirst();
                _nodes.Remove(oldest.Value);
                evicted.Add(oldest.Value);
            }

            return evicted;
        }
    }

    public void Remove(Guid id)
    {
        lock (_gate)
        {
            if (_nodes.Remove(id, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
