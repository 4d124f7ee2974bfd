using HnReply.Neural.Lstm;
using HnReply.Neural.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// The encoder–decoder with attention of Luong, Pham &amp; Manning 2015 ("Effective Approaches to
/// Attention-based Neural Machine Translation"), global attention with the "general" score
/// hₜᵀ·W·h̄ₛ. The encoder is bidirectional: a forward LSTM over the context and a backward LSTM
/// over each context reversed (so padding never enters either direction before the real tokens),
/// each with half the decoder's units; their outputs side by side are the memory the decoder
/// attends over. The decoder is one LSTM layer fed the reply shifted right (&lt;/s&gt; first, as the
/// LM reads a document), started from a bridge of the encoder's final states.
///
/// Built for transfer from the LM rung: the attentional output is hₜ + W_c·[cₜ; hₜ] and the bridge
/// maps to the initial state, and both start at zero, so before training the decoder's hidden state
/// is exactly that of the LM it was copied from (<see cref="CopyLanguageModel"/>). Each next-token
/// distribution mixes that LM-like distribution with a copy of the parent's words under attention
/// (<see cref="LogProbabilities"/>); the attention matrix starts at zero too, so the untrained model
/// is the LM mixed with a uniform cache of the parent at <see cref="InitialCopyShare"/>, and training
/// learns where to look and how much to copy. Field names are checkpoint keys.
/// </summary>
internal sealed class ReplyNetwork : nn.Module
{
    private readonly Embedding embedding;
    private readonly Dropout drop;
    private readonly LSTM encoder_forward;
    private readonly LSTM encoder_backward;
    private readonly Linear bridge_h;
    private readonly Linear bridge_c;
    private readonly LSTM decoder;
    private readonly Linear attention;
    private readonly Linear combine;
    private readonly Linear copy_gate;
    private readonly Linear? output;
    private readonly AdaptiveSoftmax? adaptive;

    public ReplyNetwork(int vocabularySize, ReplyOptions options) : base("reply")
    {
        VocabularySize = vocabularySize;
        HiddenSize = options.HiddenSize;
        int half = options.HiddenSize / 2;
        embedding = nn.Embedding(vocabularySize, options.EmbeddingSize);
        drop = nn.Dropout(options.Dropout);
        encoder_forward = nn.LSTM(options.EmbeddingSize, half);
        encoder_backward = nn.LSTM(options.EmbeddingSize, half);
        bridge_h = nn.Linear(options.HiddenSize, options.HiddenSize);
        bridge_c = nn.Linear(options.HiddenSize, options.HiddenSize);
        decoder = nn.LSTM(options.EmbeddingSize, options.HiddenSize);
        attention = nn.Linear(options.HiddenSize, options.HiddenSize, hasBias: false);
        combine = nn.Linear(2 * options.HiddenSize, options.HiddenSize, hasBias: false);
        copy_gate = nn.Linear(2 * options.HiddenSize, 1);
        if (options.Softmax == SoftmaxKind.Adaptive)
            adaptive = new AdaptiveSoftmax(options.HiddenSize, vocabularySize, options.Cutoffs, options.TailDivisor, options.TieWeights ? () => embedding.weight! : null);
        else
            output = nn.Linear(options.HiddenSize, vocabularySize);
        RegisterComponents();
        using (no_grad())
        {
            foreach (var parameter in parameters()) nn.init.uniform_(parameter, -0.05, 0.05);
            foreach (var parameter in new[] { bridge_h.weight!, bridge_h.bias!, bridge_c.weight!, bridge_c.bias!, combine.weight!, attention.weight!, copy_gate.weight! })
                nn.init.zeros_(parameter);
            // Copied from a tensor: constant_ takes a TorchSharp scalar, which can be finalized mid-call (TensorMath says how).
            using var gateBias = tensor(new[] { (float)(Math.Log(InitialCopyShare / (1 - InitialCopyShare)) / CopyGateScale) });
            copy_gate.bias!.copy_(gateBias);
        }
        if (options.TieWeights && output is not null) output.weight = embedding.weight!;
    }

    // The copy gate's logit is this times a linear map: under one learning rate it then moves as many times faster than
    // the attention matrices around it. Adam moves every parameter by about the rate per step, so without it a rate gentle
    // enough for those matrices (measured: 0.003 wrecked the frozen LM's predictions in 25 steps) left the gate where it began.
    private const double CopyGateScale = 50;

    /// <summary>The share of each next-token distribution the untrained model gives to copying the parent.</summary>
    internal const double InitialCopyShare = 0.2;

    // Copying a probability this small or less is taken as this, so the log of a word nothing gives is finite.
    private const double SmallestProbability = 1e-30;

    public int VocabularySize { get; }
    public int HiddenSize { get; }

    /// <summary>
    /// Reads a batch of contexts. <paramref name="source"/> is [time, batch] right-padded,
    /// <paramref name="reversed"/> the same contexts each reversed within its length; the index
    /// tensors come from <see cref="ContextBatch"/>.
    /// </summary>
    public EncodedContext Encode(ContextBatch batch)
    {
        long time = batch.Source.shape[0], rows = batch.Source.shape[1];
        var (forward, _, _) = encoder_forward.forward(drop.forward(embedding.forward(batch.Source)));
        var (backward, _, _) = encoder_backward.forward(drop.forward(embedding.forward(batch.Reversed)));
        var flatForward = forward.reshape(time * rows, -1);
        var flatBackward = backward.reshape(time * rows, -1);
        var aligned = flatBackward.index_select(0, batch.Unreverse).view(time, rows, -1);
        var memory = cat([forward, aligned], 2).transpose(0, 1).contiguous(); // [batch, time, H]
        var final = cat([flatForward.index_select(0, batch.Last), flatBackward.index_select(0, batch.Last)], 1); // [batch, H]
        var h = tanh(bridge_h.forward(final)).unsqueeze(0);
        var c = bridge_c.forward(final).unsqueeze(0);
        return new EncodedContext(memory, attention.forward(memory), batch.Mask, h, c, batch.Source.t().contiguous());
    }

    /// <summary>
    /// Runs the decoder over <paramref name="input"/> [time, batch] from <paramref name="state"/>,
    /// attending over <paramref name="context"/> (one row per batch column). Returns, per position
    /// [batch, time, ·]: the attentional output (after dropout), the copy gate and the attention
    /// weights over the context; and the state after the last step.
    /// </summary>
    public DecoderOutput Decode(Tensor input, (Tensor H, Tensor C) state, EncodedContext context)
    {
        var (states, h, c) = decoder.forward(drop.forward(embedding.forward(input)), (state.H, state.C));
        var query = states.transpose(0, 1); // [batch, time, H]
        var scores = bmm(query, context.Keys.transpose(1, 2)).Plus(context.Mask); // [batch, time, source]
        var weights = softmax(scores, 2);
        var both = cat([bmm(weights, context.Memory), query], 2);
        var attentional = query.Plus(combine.forward(both));
        return new DecoderOutput(drop.forward(attentional), copy_gate.forward(both).Times(CopyGateScale), weights, (h, c));
    }

    /// <summary>
    /// Next-token log-probabilities of n positions: hidden [n, H], gate logit [n, 1], attention [n, source]
    /// and the context ids each attended over [n, source] → [n, V], &lt;s&gt; and &lt;pad&gt; at −∞. A pointer-generator
    /// mixture (See, Liu &amp; Manning 2017): p(w) = (1 − g·m)·p_vocab(w) + g·Σ attention on w's occurrences in the
    /// context, where g is the copy gate and m the attention on words (not &lt;unk&gt; or the separator, whose share stays
    /// with p_vocab). The mixture is in probability space, so a parent's word gets a share however rare it is to the
    /// LM, the way a cache model works: replies name what the parent named.
    /// </summary>
    public Tensor LogProbabilities(Tensor hidden, Tensor gate, Tensor weights, Tensor source)
    {
        var generated = GeneratedLog(hidden).exp();
        var onWords = OnWords(weights, source);
        var copied = zeros(hidden.shape[0], VocabularySize, device: hidden.device).scatter_add(1, source, onWords);
        return SpecialTokens.Exclude(Mix(generated, gate, onWords, copied));
    }

    /// <summary>
    /// <see cref="LogProbabilities"/> at one target per position [n] (never &lt;s&gt; or &lt;pad&gt;), without
    /// building the mixture over the vocabulary: what training's loss and scoring read.
    /// </summary>
    public Tensor TargetLogProbabilities(Tensor hidden, Tensor gate, Tensor weights, Tensor source, Tensor target)
    {
        var column = target.unsqueeze(1);
        var generated = GeneratedTargetLog(hidden, target).unsqueeze(1).exp();
        var onWords = OnWords(weights, source);
        var copied = onWords.mul(source.eq(column).to_type(onWords.dtype)).sum(1, keepdim: true);
        return Mix(generated, gate, onWords, copied).squeeze(1);
    }

    /// <summary>
    /// log p of one target per position under the decoder alone — from the zero state, reading
    /// <paramref name="input"/> [time, batch] without any context, at the flat positions <paramref name="rows"/>
    /// (batch × time order). With the LM's parts frozen this is exactly the LM they were copied from.
    /// </summary>
    public Tensor LanguageModelTargetLogProbabilities(Tensor input, Tensor rows, Tensor target)
    {
        var (states, _, _) = decoder.forward(drop.forward(embedding.forward(input)));
        var hidden = drop.forward(states.transpose(0, 1).reshape(-1, HiddenSize).index_select(0, rows));
        return GeneratedTargetLog(hidden, target);
    }

    /// <summary>
    /// One step of the decoder alone (the LM, when frozen) for n rows: next-token log-probabilities [n, V] after reading
    /// <paramref name="input"/> [1, n] from <paramref name="state"/>, and the state after it.
    /// </summary>
    public (Tensor Log, (Tensor H, Tensor C) State) LanguageModelStep(Tensor input, (Tensor H, Tensor C) state)
    {
        var (states, h, c) = decoder.forward(drop.forward(embedding.forward(input)), (state.H, state.C));
        var hidden = drop.forward(states.squeeze(0));
        return (GeneratedLog(hidden), (h, c));
    }

    // The output layer's next-token log-probabilities [n, V] of hidden states [n, H], <s> and <pad> at −∞.
    private Tensor GeneratedLog(Tensor hidden) => adaptive is not null
        ? adaptive.LogProbabilities(hidden)
        : nn.functional.log_softmax(SpecialTokens.Exclude(output!.forward(hidden)), 1);

    // The output layer's log p of one target per row [n]; the adaptive softmax computes only the tails the targets are in.
    private Tensor GeneratedTargetLog(Tensor hidden, Tensor target) => adaptive is not null
        ? adaptive.NegativeLogLikelihood(hidden, target).neg()
        : GeneratedLog(hidden).gather(1, target.unsqueeze(1)).squeeze(1);

    // Attention on the context positions that hold words; elsewhere 0.
    private static Tensor OnWords(Tensor weights, Tensor source) => weights.mul(source.AtLeast(FirstCopyableId).to_type(weights.dtype));

    // log((1 − g·m)·generated + g·copied), g the gate's sigmoid and m the attention on words; generated and copied [n, k].
    private static Tensor Mix(Tensor generated, Tensor gate, Tensor onWords, Tensor copied)
    {
        var share = sigmoid(gate);
        var mixed = generated.Plus(share.mul(copied.Plus(generated.mul(onWords.sum(1, keepdim: true)).neg())));
        return mixed.ClampedBelow(SmallestProbability).log();
    }

    // <unk>, <s>, </s> (the separator) and <pad> are not copied.
    private const long FirstCopyableId = 4;

    /// <summary>
    /// Starts the embedding, the decoder LSTM and the output layer from a one-layer LM of the same
    /// sizes and output layer (its vocabulary is this model's). With the zero-initialised bridge and
    /// attention output, the decoder then scores replies exactly as the LM scores documents.
    /// </summary>
    public void CopyLanguageModel(LstmNetwork lm)
    {
        var from = lm.state_dict();
        var to = state_dict();
        List<string[]> map =
        [
            ["encoder.weight", "embedding.weight"],
            ["rnn.weight_ih_l0", "decoder.weight_ih_l0"], ["rnn.weight_hh_l0", "decoder.weight_hh_l0"],
            ["rnn.bias_ih_l0", "decoder.bias_ih_l0"], ["rnn.bias_hh_l0", "decoder.bias_hh_l0"],
        ];
        // The adaptive softmax's parameters have the same names in both networks.
        if (adaptive is null) map.AddRange([["decoder.weight", "output.weight"], ["decoder.bias", "output.bias"]]);
        else map.AddRange(to.Keys.Where(IsAdaptive).Select(key => new[] { key, key }));
        using var _ = no_grad();
        foreach (var pair in map)
        {
            if (!from.TryGetValue(pair[0], out var source) || !to.TryGetValue(pair[1], out var target))
                throw new InvalidDataException($"the language model has no {pair[0]} to start {pair[1]} from");
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"the language model's {pair[0]} is [{string.Join(", ", source.shape)}], the reply model's {pair[1]} [{string.Join(", ", target.shape)}]");
            target.copy_(source);
        }
    }

    private static bool IsAdaptive(string key) => key.StartsWith("adaptive.", StringComparison.Ordinal);

    /// <summary>
    /// Stops training the parts the LM gave (embedding, decoder LSTM, output layer): only the encoder,
    /// bridge, attention and copy gate learn, so a small pair set cannot wear down the LM's fluency.
    /// </summary>
    public void FreezeLanguageModelParts()
    {
        foreach (var (name, parameter) in named_parameters())
            if (name.StartsWith("embedding.", StringComparison.Ordinal) || name.StartsWith("decoder.", StringComparison.Ordinal) || name.StartsWith("output.", StringComparison.Ordinal) || IsAdaptive(name))
                parameter.requires_grad_(false);
    }

    /// <summary>Copies vectors into embedding rows (null rows keep their random start).</summary>
    public void CopyEmbeddings(float[]?[] rows)
    {
        using var _ = no_grad();
        var weight = embedding.weight!;
        for (int id = 0; id < Math.Min(rows.Length, VocabularySize); id++)
        {
            if (rows[id] is not { } row) continue;
            if (row.Length != weight.shape[1])
                throw new ArgumentException($"initial embeddings have {row.Length} dimensions but --embedding is {weight.shape[1]}");
            using var source = tensor(row);
            weight[id].copy_(source);
        }
    }

    /// <summary>For scoring and decoding: parameters frozen, no graph recorded (<see cref="FrozenParameters"/> says why not no_grad).</summary>
    public IDisposable Frozen() => FrozenParameters.Of(this);
}
