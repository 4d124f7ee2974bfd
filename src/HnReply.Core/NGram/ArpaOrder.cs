namespace HnReply.NGram;

/// <summary>
/// The n-grams of one order (2 or more) as <see cref="ArpaReader"/> collects them: (prefix index one
/// order down, word) with the file's numbers, findable by that pair. Blanks are n-grams the file
/// lacks but the model's layout needs (a missing context or suffix of a listed n-gram); their
/// probability is filled in by <see cref="ArpaClosure"/>.
/// </summary>
internal sealed class ArpaOrder(int capacity)
{
    private readonly PackedKeyTable<int> _index = new(capacity);
    private int[] _prefix = new int[Math.Max(capacity, 16)];
    private int[] _word = new int[Math.Max(capacity, 16)];
    private float[] _prob = new float[Math.Max(capacity, 16)];
    private float[] _backoff = new float[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    public List<int> Blanks { get; } = [];

    public int Prefix(int index) => _prefix[index];

    public int Word(int index) => _word[index];

    public float Backoff(int index) => _backoff[index];

    public float Prob(int index) => _prob[index];

    public void SetProb(int index, float log10Prob) => _prob[index] = log10Prob;

    public int Find(int prefix, int word) => _index.TryGetValue(PackedKey.Of(prefix, word), out int index) ? index : -1;

    /// <summary>Adds an n-gram and returns its index, or -1 when (prefix, word) is already there.</summary>
    public int Add(int prefix, int word, float log10Prob, float log10Backoff)
    {
        ref int slot = ref _index.GetOrAdd(PackedKey.Of(prefix, word), out bool added);
        if (!added) return -1;
        slot = Length;
        if (Length == _word.Length)
        {
            int size = checked(Length * 2);
            Array.Resize(ref _prefix, size);
            Array.Resize(ref _word, size);
            Array.Resize(ref _prob, size);
            Array.Resize(ref _backoff, size);
        }
        _prefix[Length] = prefix;
        _word[Length] = word;
        _prob[Length] = log10Prob;
        _backoff[Length] = log10Backoff;
        return Length++;
    }

    public int AddBlank(int prefix, int word)
    {
        int index = Add(prefix, word, 0, 0);
        Blanks.Add(index);
        return index;
    }

    public ModelOrder ToModelOrder() =>
        new(Length, _prefix[..Length], _word[..Length], _prob[..Length], _backoff[..Length]);
}
