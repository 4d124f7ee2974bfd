using HnReply.Neural.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// One context's decoding state for any search: the encoded context (kept across steps) and the
/// decoder state of each live hypothesis. <see cref="Step"/> takes, for every hypothesis of the next
/// step, the row of the hypothesis it extends and its newest token, and returns the next-token
/// log-probabilities of each — so beam search and sampling are plain C# over arrays. With an
/// anti-LM weight λ &gt; 0 it returns log p(t | context, prefix) − λ·log p(t | prefix) instead for the
/// first <c>antiTokens</c> tokens of a reply, the second term from the decoder alone (the LM a frozen
/// model holds): Li et al. 2016's MMI-antiLM decoding with their U(k), which stops a beam settling on
/// what the LM would say to any parent.
/// </summary>
internal sealed class DecodingSteps : IDisposable
{
    private readonly ReplyNetwork _net;
    private readonly Device _device;
    private readonly DisposeScope _scope;
    private readonly EncodedContext _context;
    private readonly double _antiLanguageModel;
    private Tensor _h;
    private Tensor _c;
    private Tensor _lmH;
    private Tensor _lmC;
    private readonly int _antiTokens;
    private int _steps;

    public DecodingSteps(ReplyNetwork net, Device device, int[] context, double antiLanguageModel = 0, int antiTokens = 0)
    {
        _antiTokens = antiTokens;
        _net = net;
        _device = device;
        _antiLanguageModel = antiLanguageModel;
        _scope = NewDisposeScope();
        using (var encode = NewDisposeScope())
        {
            _context = net.Encode(ContextBatch.Create([context], device)).MoveToOuterDisposeScope();
        }
        _h = _context.H;
        _c = _context.C;
        _lmH = zeros_like(_h);
        _lmC = zeros_like(_c);
    }

    public float[][] Step(int[] parents, int[] tokens)
    {
        using var step = NewDisposeScope();
        var rows = tensor(parents.Select(p => (long)p).ToArray()).to(_device);
        var zeros = tensor(new long[parents.Length]).to(_device);
        var input = tensor(tokens.Select(t => (long)t).ToArray(), [1, tokens.Length]).to(_device);
        var context = _context.Select(zeros);
        var decoded = _net.Decode(input, (_h.index_select(1, rows), _c.index_select(1, rows)), context);
        var all = tensor(Enumerable.Range(0, tokens.Length).Select(r => (long)r).ToArray()).to(_device);
        var log = decoded.LogProbabilities(_net, context, all, all);
        if (_antiLanguageModel > 0 && _steps++ < _antiTokens)
        {
            var (lm, (lmH, lmC)) = _net.LanguageModelStep(input, (_lmH.index_select(1, rows), _lmC.index_select(1, rows)));
            log = log.Plus(lm.ClampedBelow(NeverLikely).Times(-_antiLanguageModel)); // <s> and <pad> stay at −∞
            _lmH = lmH.MoveToOuterDisposeScope();
            _lmC = lmC.MoveToOuterDisposeScope();
        }
        float[] flat = log.cpu().data<float>().ToArray();
        var (h, c) = decoded.State;
        _h = h.MoveToOuterDisposeScope();
        _c = c.MoveToOuterDisposeScope();
        int v = _net.VocabularySize;
        return Enumerable.Range(0, tokens.Length).Select(r => flat[(r * v)..((r + 1) * v)]).ToArray();
    }

    // The LM's −∞ (<s>, <pad>) as a finite log, so subtracting it leaves the conditional −∞ in place.
    private const double NeverLikely = -1e4;

    public void Dispose() => _scope.Dispose();
}
