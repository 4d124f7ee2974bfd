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
        for (int i = 0; i < clusters; i++)
        {
            int projection = Math.Max(1, (int)(hiddenSize / Math.Pow(divisor, i + 1)));
            tails.Add(nn.Sequential(nn.Linear(hiddenSize, projection, hasBias: false), nn.Linear(projection, _bounds[i + 1] - _bounds[i], hasBias: false)));
        }
        RegisterComponents();
    }

    private int Shortlist => _bounds[0];

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
            parts.Add(nn.functional.log_softmax(tails[i].forward(hidden), 1) + headLog.narrow(1, Shortlist + i, 1));
        return cat(parts, 1);
    }

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
