namespace HnReply.NGram;

/// <summary>
/// The distinct n-grams of one order while the estimator works on them. Order 1 is dense by word
/// id (entry i is word i). For higher orders an n-gram is (prefix, word), where the prefix is the
/// index of its first n-1 words one order down; <see cref="Suffix"/> is the index of its last n-1
/// words one order down. <see cref="Count"/> holds raw counts after <see cref="FinishCounting"/>
/// and adjusted counts after <see cref="CountAdjuster"/>.
/// </summary>
internal sealed class CountedOrder
{
    // While counting, an n-gram's running count sits in its hash slot beside its index, so a repeat
    // costs one cache miss instead of two.
    private struct Tally
    {
        public int Index;
        public int Count;
    }

    private PackedKeyTable<Tally>? _tallies;

    public CountedOrder(int order, int capacity)
    {
        Order = order;
        Word = new int[capacity];
        Count = new long[capacity];
        if (order == 1)
        {
            for (int w = 0; w < capacity; w++) Word[w] = w;
            Length = capacity;
            Prefix = Suffix = [];
        }
        else
        {
            Prefix = new int[capacity];
            Suffix = new int[capacity];
            _tallies = new PackedKeyTable<Tally>(capacity);
        }
    }

    public int Order { get; }
    public int Length { get; private set; }
    public int[] Prefix { get; private set; }
    public int[] Word { get; private set; }
    public int[] Suffix { get; private set; }
    public long[] Count { get; set; }

    /// <summary>Counts one occurrence of (prefix, word) and returns its index; suffix is stored when the n-gram is new.</summary>
    public int Add(int prefix, int word, int suffix)
    {
        ref Tally tally = ref _tallies!.GetOrAdd(PackedKey.Of(prefix, word), out bool added);
        if (!added)
        {
            tally.Count = checked(tally.Count + 1);
            return tally.Index;
        }
        if (Length == Word.Length) Grow();
        tally.Index = Length;
        tally.Count = 1;
        Prefix[Length] = prefix;
        Word[Length] = word;
        Suffix[Length] = suffix;
        return Length++;
    }

    /// <summary>Moves the running counts into <see cref="Count"/> and drops the lookup table.</summary>
    public void FinishCounting()
    {
        if (_tallies is null) return;
        Count = new long[Length];
        foreach (var slot in _tallies.Slots)
        {
            if (slot.Key != PackedKey.Empty) Count[slot.Value.Index] = slot.Value.Count;
        }
        _tallies = null;
    }

    /// <summary>Whether each n-gram starts with &lt;s&gt;, given the same for the order below.</summary>
    public bool[] StartsWithBos(bool[]? lower)
    {
        var starts = new bool[Length];
        for (int i = 0; i < Length; i++)
            starts[i] = Order == 1 ? Word[i] == KneserNeyEstimator.Bos : lower![Prefix[i]];
        return starts;
    }

    private void Grow()
    {
        int size = checked(Word.Length * 2);
        Prefix = Resize(Prefix, size);
        Word = Resize(Word, size);
        Suffix = Resize(Suffix, size);
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        var bigger = GC.AllocateUninitializedArray<T>(size);
        array.AsSpan().CopyTo(bigger);
        return bigger;
    }
}
