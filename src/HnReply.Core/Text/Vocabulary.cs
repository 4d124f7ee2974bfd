using System.Runtime.InteropServices;

namespace HnReply.Text;

/// <summary>
/// Token ↔ id, with each token's training count. Ids 0..3 are always the specials <c>&lt;unk&gt;</c>,
/// <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, <c>&lt;pad&gt;</c>; the others follow in the order given to
/// <see cref="FromTokens"/> or, from <see cref="Build"/>, most frequent first. Immutable, so one
/// instance serves any number of threads. Saved as <c>vocab.txt</c> (see <c>Vocabulary.File.cs</c>).
/// </summary>
public sealed partial class Vocabulary
{
    public const int Unk = 0, Bos = 1, Eos = 2, Pad = 3;

    private static readonly string[] Specials = ["<unk>", "<s>", "</s>", "<pad>"];

    private readonly string[] _tokens;
    private readonly long[] _frequencies;
    // Never changed after construction, which makes concurrent reads safe. (A FrozenDictionary
    // measured no faster here: at vocabulary sizes lookups are bound by cache misses.)
    private readonly Dictionary<string, int> _ids;
    private readonly bool[] _words;

    // The arguments become the instance's own; tokens are unique, specials first, and ids (when
    // the caller has it already) maps each token to its index.
    private Vocabulary(string[] tokens, long[] frequencies, Dictionary<string, int>? ids = null)
    {
        _tokens = tokens;
        _frequencies = frequencies;
        _ids = ids ?? tokens.Select((token, id) => KeyValuePair.Create(token, id)).ToDictionary(StringComparer.Ordinal);
        _words = Array.ConvertAll(tokens, IsWordToken);
    }

    public int Count => _tokens.Length;

    public int Id(string token) => TryGetId(token, out var id) ? id : Unk;

    public bool TryGetId(string token, out int id)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.TryGetValue(token, out id);
    }

    public string Token(int id) => _tokens[CheckId(id)];

    /// <summary>
    /// Whether the token is a word that suggestions may offer: it has a letter or a digit and is not
    /// markup such as &lt;unk&gt;, &lt;/s&gt;, &lt;p&gt; or &lt;code&gt;. Punctuation is not a word. Next-word
    /// accuracy and keystroke savings count exactly these tokens, for every model alike.
    /// </summary>
    public bool IsWord(int id) => _words[CheckId(id)];

    /// <summary><see cref="IsWord"/> as a mask indexed by id (read-only by contract; shared).</summary>
    public ReadOnlySpan<bool> WordMask => _words;

    /// <summary>The rule behind <see cref="IsWord"/>, for a token string.</summary>
    public static bool IsWordToken(string token) =>
        !(token.Length > 2 && token[0] == '<' && token[^1] == '>') && token.Any(char.IsLetterOrDigit);

    /// <summary>
    /// The token's count in the documents the vocabulary was built from (0 after <see cref="FromTokens"/>).
    /// For <c>&lt;unk&gt;</c>: literal <c>&lt;unk&gt;</c> tokens plus every token left out by
    /// min count or max size, which is how often the model sees <c>&lt;unk&gt;</c> in training.
    /// For <c>&lt;/s&gt;</c>: the number of documents, each of which ends with one.
    /// </summary>
    public long Frequency(int id) => _frequencies[CheckId(id)];

    /// <summary>
    /// Counts the tokens of <paramref name="documents"/> and keeps those seen at least
    /// <paramref name="minCount"/> times, most frequent first with ties in ordinal order, up to
    /// <paramref name="maxSize"/> entries in all (the four specials included, so it is the size of
    /// an embedding table). A literal special token in the text counts toward that special.
    /// </summary>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> documents, int minCount = 1, int maxSize = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, Specials.Length);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var frequencies = new long[Specials.Length];
        foreach (var document in documents)
        {
            ArgumentNullException.ThrowIfNull(document, nameof(documents));
            foreach (var token in document)
            {
                CheckToken(token, nameof(documents));
                CollectionsMarshal.GetValueRefOrAddDefault(counts, token, out _)++;
            }
            frequencies[Eos]++;
        }
        for (var id = 0; id < Specials.Length; id++)
        {
            if (counts.Remove(Specials[id], out var count)) frequencies[id] += count;
        }
        var kept = counts.Where(entry => entry.Value >= minCount)
            .OrderByDescending(entry => entry.Value)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .Take(maxSize - Specials.Length)
            .ToList();
        frequencies[Unk] += counts.Values.Sum() - kept.Sum(entry => entry.Value);
        return new Vocabulary(
            [.. Specials, .. kept.Select(entry => entry.Key)],
            [.. frequencies, .. kept.Select(entry => entry.Value)]);
    }

    /// <summary>
    /// A vocabulary of exactly <paramref name="tokens"/> in the given order after the specials
    /// (a special in the list is skipped: it already has its id), all with count 0.
    /// </summary>
    public static Vocabulary FromTokens(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var all = new List<string>(Specials.Length + tokens.Count);
        all.AddRange(Specials);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            CheckToken(token, nameof(tokens));
            if (Specials.Contains(token)) continue;
            if (!seen.Add(token)) throw new ArgumentException($"duplicate token \"{Escape(token)}\"", nameof(tokens));
            all.Add(token);
        }
        return new Vocabulary([.. all], new long[all.Count]);
    }

    /// <summary>The ids of <paramref name="tokens"/>, <see cref="Unk"/> for those not in the vocabulary; no markers added.</summary>
    public int[] Encode(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = Id(tokens[i]);
        return ids;
    }

    private int CheckId(int id)
    {
        if ((uint)id >= (uint)_tokens.Length)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"not an id of this vocabulary (0..{_tokens.Length - 1})");
        return id;
    }

    private static void CheckToken(string? token, string parameter)
    {
        if (string.IsNullOrEmpty(token)) throw new ArgumentException("tokens must be non-empty strings", parameter);
    }
}
