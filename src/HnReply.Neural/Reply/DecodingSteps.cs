using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// One context's decoding state for any search: the encoded context (kept across steps) and the
/// decoder state of each live hypothesis. <see cref="Step"/> takes, for every hypothesis of the next
/// step, the row of the hypothesis it extends and its newest token, and returns the next-token
/// log-probabilities of each — so beam search and sampling are plain C# over arrays.
/// </summary>
internal sealed class DecodingSteps : IDisposable
{
    private readonly ReplyNetwork _net;
    private readonly Device _device;
    private readonly DisposeScope _scope;
    private readonly EncodedContext _context;
    private Tensor _h;
    private Tensor _c;

    public DecodingSteps(ReplyNetwork net, Device device, int[] context)
    {
        _net = net;
        _device = device;
        _scope = NewDisposeScope();
        using (var encode = NewDisposeScope())
        {
            _context = net.Encode(ContextBatch.Create([context], device)).MoveToOuterDisposeScope();
        }
        _h = _context.H;
        _c = _context.C;
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
        float[] flat = decoded.LogProbabilities(_net, context, all, all).cpu().data<float>().ToArray();
        var (h, c) = decoded.State;
        _h = h.MoveToOuterDisposeScope();
        _c = c.MoveToOuterDisposeScope();
        int v = _net.VocabularySize;
        return Enumerable.Range(0, tokens.Length).Select(r => flat[(r * v)..((r + 1) * v)]).ToArray();
    }

    public void Dispose() => _scope.Dispose();
}
