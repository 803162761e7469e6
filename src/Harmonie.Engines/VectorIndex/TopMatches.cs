namespace Harmonie.Engines.VectorIndex;

/// <summary>Keeps the best <c>capacity</c> matches seen so far, in result order (score desc, id asc).</summary>
internal sealed class TopMatches
{
    private static readonly Comparer<VectorMatch> WorstFirst =
        Comparer<VectorMatch>.Create((x, y) => VectorMatch.CompareBestFirst(y, x));

    private readonly int _capacity;
    private readonly PriorityQueue<VectorMatch, VectorMatch> _queue;

    public TopMatches(int capacity)
    {
        _capacity = capacity;
        _queue = new PriorityQueue<VectorMatch, VectorMatch>(capacity + 1, WorstFirst);
    }

    public int Count => _queue.Count;

    public void Offer(long id, double score)
    {
        if (_capacity == 0)
        {
            return;
        }

        var match = new VectorMatch(id, score);
        if (_queue.Count < _capacity)
        {
            _queue.Enqueue(match, match);
        }
        else if (VectorMatch.CompareBestFirst(match, _queue.Peek()) < 0)
        {
            _queue.EnqueueDequeue(match, match);
        }
    }

    public VectorMatch[] ToSortedArray()
    {
        var result = new VectorMatch[_queue.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = _queue.Dequeue();
        }

        return result;
    }
}
