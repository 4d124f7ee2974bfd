namespace HnReply.Core.Tests.NGram;

/// <summary>
/// A deliberately naive second implementation of lmplz's interpolated modified Kneser-Ney, with
/// n-grams as strings in dictionaries and the probability computed by recursion on demand, to
/// check the estimator on orders beyond what is worked out by hand. It shares no code with it.
/// </summary>
internal sealed class ReferenceKneserNey
{
    private const int Bos = 1, Pad = 3;
    private readonly int _order;
    private readonly int _vocabularySize;
    private readonly Dictionary<string, long>[] _adjusted;
    private readonly Dictionary<string, (long Denominator, double Gamma)>[] _contexts;
    private readonly (double D1, double D2, double D3)[] _discounts;

    public ReferenceKneserNey(int[][] corpus, int vocabularySize, int order)
    {
        _order = order;
        _vocabularySize = vocabularySize;
        var raw = Enumerable.Range(0, order + 1).Select(_ => new Dictionary<string, long>()).ToArray();
        foreach (var sentence in corpus)
        {
            int[] padded = [Bos, .. sentence, 2];
            for (int end = 1; end < padded.Length; end++)
                for (int k = 1; k <= Math.Min(order, end + 1); k++)
                    raw[k][Key(padded.AsSpan(end - k + 1, k))] = raw[k].GetValueOrDefault(Key(padded.AsSpan(end - k + 1, k))) + 1;
        }

        _adjusted = new Dictionary<string, long>[order + 1];
        _adjusted[order] = raw[order];
        for (int k = 1; k < order; k++)
        {
            var counts = new Dictionary<string, long>();
            foreach (var (gram, count) in raw[k])
            {
                counts[gram] = gram.StartsWith($"{Bos}", StringComparison.Ordinal) && (gram.Length == 1 || gram[1] == ' ')
                    ? count
                    : raw[k + 1].Keys.Count(longer => longer.EndsWith(" " + gram, StringComparison.Ordinal));
            }
            _adjusted[k] = counts;
        }
        _adjusted[1].Remove($"{Bos}");

        _discounts = new (double, double, double)[order + 1];
        _contexts = new Dictionary<string, (long, double)>[order + 1];
        for (int k = 1; k <= order; k++)
        {
            var n = new long[5];
            foreach (long c in _adjusted[k].Values) if (c is >= 1 and <= 4) n[c]++;
            double y = n[1] / (n[1] + 2.0 * n[2]);
            double d1 = 1 - 2 * y * n[2] / n[1], d2 = 2 - 3 * y * n[3] / n[2], d3 = 3 - 4 * y * n[4] / n[3];
            bool valid = n[1] > 0 && n[2] > 0 && n[3] > 0 && d1 is >= 0 and <= 1 && d2 is >= 0 and <= 2 && d3 is >= 0 and <= 3;
            _discounts[k] = valid ? (d1, d2, d3) : (0.5, 1, 1.5);
            _contexts[k] = _adjusted[k]
                .GroupBy(g => Context(g.Key))
                .ToDictionary(g => g.Key, g => (g.Sum(x => x.Value), g.Sum(x => Discount(k, x.Value)) / g.Sum(x => x.Value)));
        }
    }

    /// <summary>p(word | history), the history being everything after &lt;s&gt; so far.</summary>
    public double Probability(IReadOnlyList<int> history, int word)
    {
        if ((uint)word >= (uint)_vocabularySize) word = 0;
        if (word is Bos or Pad) return 0;
        var context = new List<int> { Bos };
        context.AddRange(history.Select(w => (uint)w >= (uint)_vocabularySize ? 0 : w));
        return Interpolated(context.TakeLast(_order - 1).ToArray(), word);
    }

    private double Interpolated(int[] context, int word)
    {
        int k = context.Length + 1;
        double lower = k == 1 ? 1.0 / (_vocabularySize - 2) : Interpolated(context[1..], word);
        string h = Key(context);
        if (!_contexts[k].TryGetValue(h, out var group)) return lower;
        long count = _adjusted[k].GetValueOrDefault(Key([.. context, word]));
        return (count - Discount(k, count)) / group.Denominator + group.Gamma * lower;
    }

    private double Discount(int k, long count) => count switch
    {
        0 => 0,
        1 => _discounts[k].D1,
        2 => _discounts[k].D2,
        _ => _discounts[k].D3,
    };

    private static string Key(ReadOnlySpan<int> words) => string.Join(' ', words.ToArray());

    private static string Context(string gram) => gram.Contains(' ', StringComparison.Ordinal) ? gram[..gram.LastIndexOf(' ')] : "";
}
