namespace HnReply.NGram;

/// <summary>
/// The distinct n-grams of one order while the estimator works on them. Order 1 is dense by word
/// id (entry i is word i). For higher orders an n-gram is (prefix, word), where the prefix is the
/// index of its first n-1 words one order down; <see cref="Suffix"/> is the index of its last n-1
/// words one order down. <see cref="Count"/> holds raw counts after counting and adjusted counts
/// after <see cref="CountAdjuster"/>.
/// </summary>
internal sealed class CountedOrder
{
    private readonly PackedKeyTable? _index;

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
            _index = new PackedKeyTable(capacity);
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
        int index = _index!.FindOrAdd(PackedKeyTable.Key(prefix, word), Length);
        if (index >= 0)
        {
            Count[index]++;
            return index;
        }
        if (Length == Word.Length) Grow();
        index = Length++;
        Prefix[index] = prefix;
        Word[index] = word;
        Suffix[index] = suffix;
        Count[index] = 1;
        return index;
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
        Count = Resize(Count, size);
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        var bigger = GC.AllocateUninitializedArray<T>(size);
        array.AsSpan().CopyTo(bigger);
        return bigger;
    }
}
