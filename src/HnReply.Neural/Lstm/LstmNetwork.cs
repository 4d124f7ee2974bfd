using HnReply.Neural.Runtime;
using HnReply.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Embedding → dropout → N-layer LSTM (dropout between layers) → dropout → output layer (a full
/// linear decoder, or <see cref="AdaptiveSoftmax"/>): the network of Zaremba et al. 2014, dropout
/// only on non-recurrent connections. <see cref="Run"/> gives hidden outputs; the output layer turns
/// them into a loss or log-probabilities. Field names are the checkpoint keys (renaming one changes
/// the weights format).
/// </summary>
internal sealed class LstmNetwork : nn.Module
{
    private readonly Embedding encoder;
    private readonly Dropout drop;
    private readonly LSTM rnn;
    private readonly Linear? decoder;
    private readonly AdaptiveSoftmax? adaptive;

    /// <param name="options">Resolved options (<see cref="LstmOptions.ResolveFor"/>): Full or Adaptive.</param>
    public LstmNetwork(int vocabularySize, LstmOptions options) : base("lstm_lm")
    {
        VocabularySize = vocabularySize;
        Options = options;
        encoder = nn.Embedding(vocabularySize, options.EmbeddingSize);
        drop = nn.Dropout(options.Dropout);
        rnn = nn.LSTM(options.EmbeddingSize, options.HiddenSize, options.Layers, dropout: options.Layers > 1 ? options.Dropout : 0);
        if (options.Softmax == SoftmaxKind.Adaptive)
            adaptive = new AdaptiveSoftmax(options.HiddenSize, vocabularySize, options.Cutoffs, options.TailDivisor, options.TieWeights ? () => encoder.weight! : null);
        else
            decoder = nn.Linear(options.HiddenSize, vocabularySize);
        RegisterComponents();
        using (no_grad())
        {
            foreach (var parameter in parameters()) nn.init.uniform_(parameter, -options.InitRange, options.InitRange);
        }
        if (options.TieWeights && decoder is not null) decoder.weight = encoder.weight!;
    }

    public int VocabularySize { get; }

    /// <summary>The resolved options the network was built from (its output layer's kind and cutoffs among them).</summary>
    public LstmOptions Options { get; }

    public int Layers => Options.Layers;
    public int HiddenSize => Options.HiddenSize;

    public Embedding Encoder => encoder;

    /// <summary>The full-softmax decoder (null with the adaptive softmax).</summary>
    public Linear? Decoder => decoder;

    /// <summary>
    /// Reads <paramref name="input"/> [time, batch] from <paramref name="state"/>; returns the hidden
    /// outputs [time, batch, hidden] (after dropout) and the state after the last step. With
    /// <paramref name="resetAtDocuments"/>, the state of a column is zeroed before every step whose
    /// input is &lt;/s&gt; — where a document starts in the stream — so each document is read from the
    /// begin-of-document state, as when it is scored alone.
    /// </summary>
    public (Tensor Output, (Tensor H, Tensor C) State) Run(Tensor input, (Tensor H, Tensor C) state, bool resetAtDocuments)
    {
        if (training && Options.Unrolled) return RunUnrolled(input, state, resetAtDocuments);
        var embedded = drop.forward(encoder.forward(input));
        if (!resetAtDocuments)
        {
            var (output, h, c) = rnn.forward(embedded, (state.H, state.C));
            return (drop.forward(output), (h, c));
        }
        var starts = DocumentStarts(input);
        bool[] resetAt = starts.any(1).cpu().data<bool>().ToArray();
        var keep = starts.logical_not().to(embedded.dtype).unsqueeze(0).unsqueeze(-1); // [1, time, batch, 1]
        var outputs = new List<Tensor>();
        var (hidden, cell) = state;
        int length = (int)input.shape[0];
        for (int from = 0; from < length;)
        {
            int to = from + 1;
            while (to < length && !resetAt[to]) to++;
            if (resetAt[from])
            {
                var column = keep.select(1, from);
                hidden = hidden * column;
                cell = cell * column;
            }
            var (segment, h, c) = rnn.forward(embedded.narrow(0, from, to - from), (hidden, cell));
            outputs.Add(segment);
            (hidden, cell) = (h, c);
            from = to;
        }
        return (drop.forward(cat(outputs, 0)), (hidden, cell));
    }

    /// <summary>
    /// <see cref="Run"/> for training with the regularisers libtorch's fused LSTM cannot apply
    /// (<see cref="LstmOptions.WeightDrop"/>, <see cref="LstmOptions.EmbeddingDropout"/>,
    /// <see cref="LstmOptions.VariationalDropout"/>): the same LSTM, over the same weights, one step at a time —
    /// i, f, g, o = σ, σ, tanh, σ of W_ih·x + b_ih + W_hh·h + b_hh; c = f·c + i·g; h = o·tanh(c) — so the model
    /// it trains is scored by the fused kernel unchanged.
    /// </summary>
    private (Tensor Output, (Tensor H, Tensor C) State) RunUnrolled(Tensor input, (Tensor H, Tensor C) state, bool resetAtDocuments)
    {
        var weights = rnn.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        int length = (int)input.shape[0];
        Tensor embedding = encoder.weight!;
        if (Options.EmbeddingDropout > 0)
        {
            embedding = embedding * KeepMask([VocabularySize, 1], Options.EmbeddingDropout, embedding);
        }
        var layerInput = Dropped(embedding.index_select(0, input.flatten()).view(length, input.shape[1], -1));
        var starts = resetAtDocuments ? DocumentStarts(input) : null;
        bool[] resetAt = starts is null ? new bool[length] : starts.any(1).cpu().data<bool>().ToArray();
        var keep = starts?.logical_not().to(layerInput.dtype).unsqueeze(-1); // [time, batch, 1]
        var finalH = new Tensor[Layers];
        var finalC = new Tensor[Layers];
        for (int layer = 0; layer < Layers; layer++)
        {
            Tensor recurrent = weights[$"weight_hh_l{layer}"];
            if (Options.WeightDrop > 0) recurrent = nn.functional.dropout(recurrent, Options.WeightDrop, training: true);
            var fromInput = layerInput.matmul(weights[$"weight_ih_l{layer}"].t()) + weights[$"bias_ih_l{layer}"] + weights[$"bias_hh_l{layer}"];
            var recurrentT = recurrent.t();
            var (hidden, cell) = (state.H[layer], state.C[layer]);
            var steps = new Tensor[length];
            for (int t = 0; t < length; t++)
            {
                if (resetAt[t])
                {
                    hidden = hidden * keep![t];
                    cell = cell * keep[t];
                }
                var gates = fromInput[t] + hidden.matmul(recurrentT);
                var parts = gates.chunk(4, 1);
                cell = parts[1].sigmoid() * cell + parts[0].sigmoid() * parts[2].tanh();
                hidden = parts[3].sigmoid() * cell.tanh();
                steps[t] = hidden;
            }
            (finalH[layer], finalC[layer]) = (hidden, cell);
            layerInput = Dropped(stack(steps));
        }
        return (layerInput, (stack(finalH), stack(finalC)));
    }

    // Dropout of the unrolled loop's activations [time, batch, features]: one mask per sequence when variational.
    private Tensor Dropped(Tensor x)
    {
        if (Options.Dropout == 0) return x;
        if (!Options.VariationalDropout) return nn.functional.dropout(x, Options.Dropout, training: true);
        return x * KeepMask([1, x.shape[1], x.shape[2]], Options.Dropout, x);
    }

    // Inverted dropout's mask: each entry kept with probability 1 − p and then worth 1 / (1 − p), so expectations stay.
    private static Tensor KeepMask(long[] shape, double p, Tensor like) =>
        empty(shape, dtype: like.dtype, device: like.device).bernoulli_(1 - p).div_(1 - p);

    /// <summary>
    /// Reads documents of different lengths at once from the zero state, computing no step of the
    /// padding: input [time, batch] right-padded, its columns sorted longest first by
    /// <paramref name="lengths"/>. Returns the hidden outputs of the real positions only,
    /// [Σ lengths, hidden], packed time-major: step t holds, in column order, the columns longer than t.
    /// </summary>
    public Tensor RunPacked(Tensor input, long[] lengths)
    {
        var embedded = drop.forward(encoder.forward(input));
        using var sizes = tensor(lengths);
        using var packed = nn.utils.rnn.pack_padded_sequence(embedded, sizes, batch_first: false, enforce_sorted: true);
        var (hidden, cell) = InitialState((int)input.shape[1], input.device);
        var (output, _, _) = rnn.call(packed, (hidden, cell));
        using (output)
        {
            return drop.forward(output.data);
        }
    }

    // input == </s>, as a lookup rather than a comparison with a (native, easily mishandled) scalar.
    private Tensor DocumentStarts(Tensor input)
    {
        var isEos = new bool[VocabularySize];
        isEos[Vocabulary.Eos] = true;
        using var table = tensor(isEos).to(input.device);
        return table.index_select(0, input.flatten()).view(input.shape);
    }

    /// <summary>−log p(target) per row: hidden [n, H], target [n] → [n].</summary>
    public Tensor NegativeLogLikelihood(Tensor hidden, Tensor target) => adaptive is not null
        ? adaptive.NegativeLogLikelihood(hidden, target)
        : nn.functional.cross_entropy(SpecialTokens.Exclude(decoder!.forward(hidden)), target, reduction: nn.Reduction.None);

    /// <summary>Next-token log-probabilities: hidden [n, H] → [n, V], exactly normalised, &lt;s&gt; and &lt;pad&gt; at −∞.</summary>
    public Tensor LogProbabilities(Tensor hidden) => adaptive is not null
        ? adaptive.LogProbabilities(hidden)
        : nn.functional.log_softmax(SpecialTokens.Exclude(decoder!.forward(hidden)), 1);

    /// <summary>
    /// Per row of hidden [n, H]: log p(target), and into <paramref name="top"/> (n × k) the k most
    /// probable tokens <paramref name="allowed"/> (0 or −∞ per token) lets through, best first — the
    /// values of <see cref="LogProbabilities"/>. The adaptive softmax skips the tails no reported
    /// number depends on; the full softmax builds [rows, V] blocks of at most <paramref name="sliceCells"/>.
    /// </summary>
    public float[] Score(Tensor hidden, Tensor target, int k, Tensor allowed, int[] top, int sliceCells)
    {
        if (adaptive is not null) return adaptive.Score(hidden, target, k, allowed, top, sliceCells);
        int n = (int)hidden.shape[0], chunk = Math.Max(1, sliceCells / VocabularySize);
        var targetLog = new float[n];
        for (int start = 0; start < n; start += chunk)
        {
            using var scope = NewDisposeScope();
            int m = Math.Min(chunk, n - start);
            var logProbabilities = LogProbabilities(hidden.narrow(0, start, m));
            logProbabilities.gather(1, target.narrow(0, start, m).unsqueeze(1)).squeeze(1).cpu().data<float>().ToArray().CopyTo(targetLog, start);
            if (k == 0) continue;
            long[] ids = logProbabilities.Plus(allowed).topk(k, 1).indexes.cpu().data<long>().ToArray();
            for (int j = 0; j < ids.Length; j++) top[start * k + j] = (int)ids[j];
        }
        return targetLog;
    }

    /// <summary>Next-token probabilities of each row [n × V], row-major: <see cref="LogProbabilities"/>, exponentiated.</summary>
    public float[] Probabilities(Tensor hidden) => LogProbabilities(hidden).exp().cpu().data<float>().ToArray();

    /// <summary>
    /// Per row of hidden [n, H] with target [n], of the words suggest ranks above the target: how many
    /// share its first L characters for L = 0 … <see cref="HnReply.Prediction.SuggestionRank.PrefixDepth"/>
    /// [n, depth + 1], and those that share all depth as (row, id) pairs [count, 2] — the probabilities
    /// of <see cref="Probabilities"/>, compared as <see cref="HnReply.Prediction.SuggestionRank.Above"/> does.
    /// The adaptive softmax computes a tail only where its bound reaches <paramref name="floorLog"/>
    /// (the targets' log-probabilities from <see cref="Score"/>).
    /// </summary>
    public (Tensor ByPrefix, Tensor SharingPrefix) WordsAbove(Tensor hidden, Tensor target, WordPrefixes vocabulary, float[] floorLog)
    {
        if (adaptive is not null) return adaptive.WordsAbove(hidden, target, vocabulary, floorLog);
        var probabilities = LogProbabilities(hidden).exp();
        var targetProbability = probabilities.gather(1, target.unsqueeze(1)).squeeze(1);
        return AdaptiveSoftmax.Above(probabilities, targetProbability, target, 0, vocabulary, vocabulary.Prefixes.index_select(1, target));
    }

    /// <summary>How many rows of hidden outputs <see cref="Score"/> should get at once: its widest block stays within <paramref name="sliceCells"/>.</summary>
    public int ScoringRows(int sliceCells) => Math.Max(32, sliceCells / (adaptive?.HeadWidth ?? VocabularySize));

    /// <summary>For scoring: parameters frozen, no graph recorded (<see cref="FrozenParameters"/> says why not no_grad).</summary>
    public IDisposable Frozen() => FrozenParameters.Of(this);

    /// <summary>Zeros for <paramref name="batch"/> streams on <paramref name="device"/>.</summary>
    public (Tensor H, Tensor C) InitialState(int batch, Device device) =>
        (zeros(Layers, batch, HiddenSize, device: device), zeros(Layers, batch, HiddenSize, device: device));
}
