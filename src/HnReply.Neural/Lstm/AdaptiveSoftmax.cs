using HnReply.Neural.Runtime;
using HnReply.Prediction;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Grave et al. 2017's adaptive softmax over a frequency-sorted vocabulary. The head scores the
/// shortlist (ids below the first cutoff) and one entry per tail cluster; tail cluster i scores its
/// words through a projection to HiddenSize / divisor^(i+1) dimensions. A word's log-probability is
/// its head entry, or its cluster's head entry plus its place in the cluster — exactly normalised.
/// Training touches a tail only for the targets that fall in it, which is where the speed comes
/// from. With tied weights the shortlist reuses the embedding rows of those words. &lt;s&gt; and
/// &lt;pad&gt; (in the shortlist) are never predicted. Field names are checkpoint keys.
/// </summary>
internal sealed class AdaptiveSoftmax : nn.Module
{
    private readonly Linear head;
    private readonly Parameter? shortlist_bias;
    private readonly ModuleList<Sequential> tails;
    private readonly int[] _bounds; // cutoffs then the vocabulary size: cluster i is [_bounds[i], _bounds[i + 1])
    private readonly Func<Tensor>? _tiedShortlist;
    private readonly long[] _headIndex; // per word: its head entry (itself in the shortlist, else its cluster's)
    private readonly long[] _inCluster; // per word: its place within its tail cluster (0 in the shortlist)
    private readonly bool[][] _members; // per cluster: which words are in it
    private readonly (Linear Projection, Linear Output)[] _tailLayers; // the layers of each tail, for bounds without its logits

    /// <param name="tiedEmbedding">The embedding matrix whose first rows become the shortlist's output weights, or null.</param>
    public AdaptiveSoftmax(int hiddenSize, int vocabularySize, int[] cutoffs, int divisor, Func<Tensor>? tiedEmbedding) : base("adaptive_softmax")
    {
        _bounds = [.. cutoffs, vocabularySize];
        int shortlist = cutoffs[0], clusters = cutoffs.Length;
        if (tiedEmbedding is null)
        {
            head = nn.Linear(hiddenSize, shortlist + clusters);
        }
        else
        {
            head = nn.Linear(hiddenSize, clusters);
            shortlist_bias = new Parameter(zeros(shortlist));
            _tiedShortlist = () => tiedEmbedding().narrow(0, 0, shortlist);
        }
        _headIndex = new long[vocabularySize];
        _inCluster = new long[vocabularySize];
        _members = new bool[clusters][];
        for (int id = 0; id < vocabularySize; id++) _headIndex[id] = id;
        for (int i = 0; i < clusters; i++)
        {
            _members[i] = new bool[vocabularySize];
            for (int id = _bounds[i]; id < _bounds[i + 1]; id++)
            {
                _headIndex[id] = shortlist + i;
                _inCluster[id] = id - _bounds[i];
                _members[i][id] = true;
            }
        }
        tails = new ModuleList<Sequential>();
        _tailLayers = new (Linear, Linear)[clusters];
        for (int i = 0; i < clusters; i++)
        {
            int projection = Math.Max(1, (int)(hiddenSize / Math.Pow(divisor, i + 1)));
            var layers = (Projection: nn.Linear(hiddenSize, projection, hasBias: false), Output: nn.Linear(projection, _bounds[i + 1] - _bounds[i], hasBias: false));
            _tailLayers[i] = layers;
            tails.Add(nn.Sequential(layers.Projection, layers.Output));
        }
        RegisterComponents();
    }

    private int Shortlist => _bounds[0];

    /// <summary>Columns of the head: the shortlist and one entry per tail cluster.</summary>
    public int HeadWidth => Shortlist + tails.Count;

    /// <summary>−log p(target) for each row: hidden [n, H], target [n] → [n].</summary>
    /// <remarks>Lookups by index rather than comparisons with scalars: TorchSharp's scalar arguments are native objects best kept out of hot loops.</remarks>
    public Tensor NegativeLogLikelihood(Tensor hidden, Tensor target)
    {
        var headLog = HeadLogProbabilities(hidden);
        var nll = -headLog.gather(1, Lookup(_headIndex, target).unsqueeze(1)).squeeze(1);
        for (int i = 0; i < tails.Count; i++)
        {
            var rows = Lookup(_members[i], target).nonzero().squeeze(1);
            if (rows.shape[0] == 0) continue;
            var clusterLog = nn.functional.log_softmax(tails[i].forward(hidden.index_select(0, rows)), 1);
            var inCluster = clusterLog.gather(1, Lookup(_inCluster, target.index_select(0, rows)).unsqueeze(1)).squeeze(1);
            nll = nll.scatter_add(0, rows, -inCluster);
        }
        return nll;
    }

    /// <summary>The whole next-token distribution in log space: hidden [n, H] → [n, V].</summary>
    public Tensor LogProbabilities(Tensor hidden)
    {
        var headLog = HeadLogProbabilities(hidden);
        var parts = new List<Tensor> { headLog.narrow(1, 0, Shortlist) };
        for (int i = 0; i < tails.Count; i++)
            parts.Add(nn.functional.log_softmax(tails[i].forward(hidden), 1).Plus(headLog.narrow(1, Shortlist + i, 1)));
        return cat(parts, 1);
    }

    /// <summary>
    /// Per row of hidden [n, H]: log p(target) and the <paramref name="k"/> most probable words that
    /// <paramref name="allowed"/> (0 or −∞ per word) lets through, without the [n, V] distribution.
    /// The head gives every shortlist word and each cluster's total probability; a tail is computed
    /// only for the rows whose target is in it, or whose cluster total exceeds the k-th best word
    /// found in the head — otherwise none of its words can rank: each has at most its cluster's
    /// probability and a larger id than every shortlist word (ties go to the lower id). The values
    /// are <see cref="LogProbabilities"/>'s to rounding: a tail word's is its logit minus the
    /// cluster's log-normaliser plus the cluster's head entry.
    /// </summary>
    /// <param name="top">Filled with n × k ids, best first per row.</param>
    /// <param name="sliceCells">Largest [rows × words] block to build at once.</param>
    public float[] Score(Tensor hidden, Tensor target, int k, Tensor allowed, int[] top, int sliceCells)
    {
        int n = (int)hidden.shape[0];
        var headLog = HeadLogProbabilities(hidden);
        float[] targetLog = headLog.gather(1, Lookup(_headIndex, target).unsqueeze(1)).squeeze(1).cpu().data<float>().ToArray();
        var best = new float[n * k];
        Tensor? kth = null;
        if (k > 0)
        {
            int fromHead = Math.Min(k, Shortlist);
            var (values, ids) = headLog.narrow(1, 0, Shortlist).Plus(allowed.narrow(0, 0, Shortlist)).topk(fromHead, 1);
            Array.Fill(best, float.NegativeInfinity);
            Merge(values.cpu().data<float>().ToArray(), ids.cpu().data<long>().ToArray(), fromHead, 0, null, best, top, k);
            if (fromHead == k) kth = values.narrow(1, k - 1, 1).squeeze(1);
        }
        for (int i = 0; i < tails.Count; i++)
        {
            var member = Lookup(_members[i], target);
            var total = headLog.narrow(1, Shortlist + i, 1);
            var need = k == 0 ? member : kth is null ? ones_like(member) : member.logical_or(total.squeeze(1).Plus(MaxInClusterBound(i, hidden)) > kth);
            var rows = need.nonzero().squeeze(1);
            int width = _bounds[i + 1] - _bounds[i], chunk = Math.Max(1, sliceCells / width);
            for (long start = 0; start < rows.shape[0]; start += chunk)
            {
                using var scope = NewDisposeScope();
                var some = rows.narrow(0, start, Math.Min(chunk, rows.shape[0] - start));
                long[] rowIds = some.cpu().data<long>().ToArray();
                var someTarget = target.index_select(0, some);
                // Raw logits and the normaliser rather than log_softmax: the target needs one entry, the top words
                // only the order within the cluster, so the [rows, cluster] block is never rewritten normalised.
                var logits = tails[i].forward(hidden.index_select(0, some));
                var normaliser = logits.logsumexp(1, keepdim: true).neg();
                bool[] isMember = member.index_select(0, some).cpu().data<bool>().ToArray();
                var inside = Lookup(_inCluster, someTarget) * member.index_select(0, some); // rows whose target is elsewhere read place 0, then ignore it
                float[] place = logits.gather(1, inside.unsqueeze(1)).Plus(normaliser).squeeze(1).cpu().data<float>().ToArray();
                for (int r = 0; r < rowIds.Length; r++)
                {
                    if (isMember[r]) targetLog[rowIds[r]] += place[r]; // the cluster's total plus the word's place in it, as in LogProbabilities
                }
                if (k == 0) continue;
                var (raw, ids) = logits.Plus(allowed.narrow(0, _bounds[i], width)).topk(Math.Min(k, width), 1);
                var values = raw.Plus(normaliser).Plus(total.index_select(0, some));
                Merge(values.cpu().data<float>().ToArray(), ids.cpu().data<long>().ToArray(), (int)values.shape[1], _bounds[i], rowIds, best, top, k);
            }
        }
        return targetLog;
    }

    /// <summary>
    /// Per row: of the words ranked above its target, how many share the target's first L characters
    /// for L = 0 … <see cref="SuggestionRank.PrefixDepth"/> [n, depth + 1], and those that share all
    /// depth of them as (row, id) pairs [count, 2] — <see cref="LogProbabilities"/>'s values
    /// exponentiated, compared as suggest orders words. A tail is computed only for the rows whose
    /// target is in it or where its bound (<see cref="MaxInClusterBound"/>, less a margin for rounding)
    /// reaches the row's <paramref name="floorLog"/> — elsewhere no word of it can rank above the target.
    /// </summary>
    public (Tensor ByPrefix, Tensor SharingPrefix) WordsAbove(Tensor hidden, Tensor target, WordPrefixes vocabulary, float[] floorLog)
    {
        const float margin = 1e-3f;
        var headLog = HeadLogProbabilities(hidden);
        var headProbability = headLog.exp();
        var targetProbability = headProbability.gather(1, Lookup(_headIndex, target).unsqueeze(1)).squeeze(1); // a tail target's is replaced below
        using var floor = tensor(floorLog.Select(f => f - margin).ToArray()).to(hidden.device);
        var tailParts = new List<(int Cluster, Tensor Rows, Tensor Probability)>();
        for (int i = 0; i < tails.Count; i++)
        {
            var member = Lookup(_members[i], target);
            var total = headLog.narrow(1, Shortlist + i, 1);
            var rows = member.logical_or(total.squeeze(1).Plus(MaxInClusterBound(i, hidden)).ge(floor)).nonzero().squeeze(1);
            if (rows.shape[0] == 0) continue;
            var probability = nn.functional.log_softmax(tails[i].forward(hidden.index_select(0, rows)), 1).Plus(total.index_select(0, rows)).exp();
            var isMember = member.index_select(0, rows);
            var inside = Lookup(_inCluster, target.index_select(0, rows)) * isMember; // rows whose target is elsewhere read place 0, then ignore it
            var own = probability.gather(1, inside.unsqueeze(1)).squeeze(1);
            targetProbability = targetProbability.index_copy(0, rows, where(isMember, own, targetProbability.index_select(0, rows)));
            tailParts.Add((i, rows, probability));
        }
        var targetPrefixes = vocabulary.Prefixes.index_select(1, target);
        var (counts, head) = Above(headProbability.narrow(1, 0, Shortlist), targetProbability, target, 0, vocabulary, targetPrefixes);
        var pairs = new List<Tensor> { head };
        foreach (var (i, rows, probability) in tailParts)
        {
            var (tailCounts, local) = Above(probability, targetProbability.index_select(0, rows), target.index_select(0, rows), _bounds[i], vocabulary,
                                            targetPrefixes.index_select(1, rows));
            counts = counts.PlusAtRows(rows, tailCounts);
            pairs.Add(stack([rows.index_select(0, local.select(1, 0)), local.select(1, 1)], 1));
        }
        return (counts, cat(pairs, 0));
    }

    /// <summary>
    /// Over probabilities [n, w] of the words with ids from <paramref name="first"/>: per row, of the
    /// words ranked above the row's target (probability [n], id [n]) — more probable, or as probable
    /// with a lower id — how many share the target's first L characters [n, depth + 1], and as (row, id)
    /// pairs those that share all depth of them; <paramref name="targetPrefixes"/> [depth, n] are the
    /// targets' prefix ids.
    /// </summary>
    public static (Tensor ByPrefix, Tensor SharingPrefix) Above(Tensor probabilities, Tensor targetProbability, Tensor target, int first,
                                                               WordPrefixes vocabulary, Tensor targetPrefixes)
    {
        int width = (int)probabilities.shape[1];
        var ids = arange(first, first + width, dtype: ScalarType.Int64, device: probabilities.device);
        var p = targetProbability.unsqueeze(1);
        var tie = probabilities.eq(p).logical_and(ids.unsqueeze(0).lt(target.unsqueeze(1)));
        var above = probabilities.gt(p).logical_or(tie).logical_and(vocabulary.Words.narrow(0, first, width).unsqueeze(0));
        var counts = new List<Tensor> { above.sum(1, type: ScalarType.Int64) };
        var prefixes = vocabulary.Prefixes.narrow(1, first, width);
        for (int length = 0; length < SuggestionRank.PrefixDepth; length++)
        {
            above = above.logical_and(prefixes[length].unsqueeze(0).eq(targetPrefixes[length].unsqueeze(1)));
            counts.Add(above.sum(1, type: ScalarType.Int64));
        }
        var pairs = above.nonzero();
        return (stack(counts, 1), stack([pairs.select(1, 0), ids.index_select(0, pairs.select(1, 1))], 1));
    }

    /// <summary>
    /// An upper bound on log max_j p(word j | cluster i) per row, from the tail's projection z alone:
    /// the largest logit is at most ‖z‖·max‖w_j‖ (Cauchy–Schwarz), and the log-normaliser at least
    /// log(width) + z·mean(w) (Jensen), so no word of the cluster has a larger share than
    /// exp(‖z‖·max‖w_j‖ − log(width) − z·mean(w)), capped at 1.
    /// </summary>
    private Tensor MaxInClusterBound(int cluster, Tensor hidden)
    {
        var (projection, output) = _tailLayers[cluster];
        var z = projection.forward(hidden);
        var w = output.weight!;
        var largest = (z * z).sum(1).sqrt() * (w * w).sum(1).sqrt().max();
        var logWidth = tensor(new[] { (float)Math.Log(w.shape[0]) }).to(hidden.device);
        var lowest = z.matmul(w.mean([0])).Plus(logWidth);
        var bound = largest.Plus(lowest.neg());
        return minimum(bound, zeros_like(bound));
    }

    // Offers each row's candidates (rows[r], or row r itself when rows is null) to that row's best-k list: best first, ties by lower id.
    private static void Merge(float[] values, long[] ids, int width, int offset, long[]? rows, float[] best, int[] top, int k)
    {
        long count = values.Length / width;
        for (int r = 0; r < count; r++)
        {
            int at0 = (int)(rows?[r] ?? r) * k;
            for (int j = 0; j < width; j++)
            {
                float p = values[r * width + j];
                int id = (int)ids[r * width + j] + offset;
                if (!Better(p, id, best[at0 + k - 1], top[at0 + k - 1])) continue;
                int at = k - 1;
                while (at > 0 && Better(p, id, best[at0 + at - 1], top[at0 + at - 1]))
                {
                    best[at0 + at] = best[at0 + at - 1];
                    top[at0 + at] = top[at0 + at - 1];
                    at--;
                }
                best[at0 + at] = p;
                top[at0 + at] = id;
            }
        }
    }

    private static bool Better(float p, int id, float q, int other) => p > q || (p == q && id < other);

    // table[target] for every target, on the target's device.
    private static Tensor Lookup(long[] table, Tensor target)
    {
        using var values = tensor(table).to(target.device);
        return values.index_select(0, target);
    }

    private static Tensor Lookup(bool[] table, Tensor target)
    {
        using var values = tensor(table).to(target.device);
        return values.index_select(0, target);
    }

    private Tensor HeadLogProbabilities(Tensor hidden)
    {
        var logits = _tiedShortlist is null
            ? head.forward(hidden)
            : cat([nn.functional.linear(hidden, _tiedShortlist(), shortlist_bias), head.forward(hidden)], 1);
        return nn.functional.log_softmax(SpecialTokens.Exclude(logits), 1);
    }
}
