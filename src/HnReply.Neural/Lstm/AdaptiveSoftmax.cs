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
    public Tensor NegativeLogLikelihood(Tensor hidden, Tensor target)
    {
        var headLog = HeadLogProbabilities(hidden);
        var headIndex = target.clone();
        for (int i = 0; i < tails.Count; i++)
            headIndex.masked_fill_(target.ge(_bounds[i]).logical_and(target.lt(_bounds[i + 1])), Shortlist + i);
        var nll = -headLog.gather(1, headIndex.unsqueeze(1)).squeeze(1);
        for (int i = 0; i < tails.Count; i++)
        {
            var rows = target.ge(_bounds[i]).logical_and(target.lt(_bounds[i + 1])).nonzero().squeeze(1);
            if (rows.shape[0] == 0) continue;
            var clusterLog = nn.functional.log_softmax(tails[i].forward(hidden.index_select(0, rows)), 1);
            var inCluster = clusterLog.gather(1, (target.index_select(0, rows) - _bounds[i]).unsqueeze(1)).squeeze(1);
            nll = nll.index_add(0, rows, -inCluster, 1);
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

    private Tensor HeadLogProbabilities(Tensor hidden)
    {
        var logits = _tiedShortlist is null
            ? head.forward(hidden)
            : cat([nn.functional.linear(hidden, _tiedShortlist(), shortlist_bias), head.forward(hidden)], 1);
        return nn.functional.log_softmax(SpecialTokens.Exclude(logits), 1);
    }
}
