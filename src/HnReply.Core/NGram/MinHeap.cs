namespace HnReply.NGram;

/// <summary>The k best (id, probability) pairs so far, as a min-heap over a caller's span.</summary>
internal ref struct MinHeap(Span<(int Id, double Probability)> items)
{
    private readonly Span<(int Id, double Probability)> _items = items;
    private int _count;

    public readonly bool IsFull => _count == _items.Length;

    public readonly double Min => _items[0].Probability;

    /// <summary>Adds an item, dropping the smallest when full (callers check <see cref="Min"/> first).</summary>
    public void Push(int id, double probability)
    {
        if (IsFull)
        {
            _items[0] = (id, probability);
            SiftDown(0);
            return;
        }
        int i = _count++;
        _items[i] = (id, probability);
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Less(_items[i], _items[parent])) break;
            (_items[i], _items[parent]) = (_items[parent], _items[i]);
            i = parent;
        }
    }

    /// <summary>Sorts the kept items best first (ties by id) and returns how many there are.</summary>
    public readonly int SortDescending()
    {
        var kept = _items[.._count];
        kept.Sort(static (a, b) => a.Probability != b.Probability ? b.Probability.CompareTo(a.Probability) : a.Id.CompareTo(b.Id));
        return _count;
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1, smallest = i;
            if (left < _count && Less(_items[left], _items[smallest])) smallest = left;
            if (left + 1 < _count && Less(_items[left + 1], _items[smallest])) smallest = left + 1;
            if (smallest == i) return;
            (_items[i], _items[smallest]) = (_items[smallest], _items[i]);
            i = smallest;
        }
    }

    // The heap's order: lower probability first; on a tie the larger id is worse.
    private static bool Less((int Id, double Probability) a, (int Id, double Probability) b) =>
        a.Probability < b.Probability || (a.Probability == b.Probability && a.Id > b.Id);
}
