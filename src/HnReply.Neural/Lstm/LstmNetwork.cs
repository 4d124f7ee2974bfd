using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Embedding → dropout → N-layer LSTM (dropout between layers) → dropout → linear decoder: the
/// network of Zaremba et al. 2014, dropout only on non-recurrent connections. Field names are the
/// checkpoint keys (renaming one changes the weights format).
/// </summary>
internal sealed class LstmNetwork : nn.Module<Tensor, (Tensor H, Tensor C), (Tensor Logits, (Tensor H, Tensor C) State)>
{
    private readonly Embedding encoder;
    private readonly Dropout drop;
    private readonly LSTM rnn;
    private readonly Linear decoder;

    public LstmNetwork(int vocabularySize, LstmOptions options) : base("lstm_lm")
    {
        VocabularySize = vocabularySize;
        Layers = options.Layers;
        HiddenSize = options.HiddenSize;
        encoder = nn.Embedding(vocabularySize, options.EmbeddingSize);
        drop = nn.Dropout(options.Dropout);
        rnn = nn.LSTM(options.EmbeddingSize, options.HiddenSize, options.Layers, dropout: options.Layers > 1 ? options.Dropout : 0);
        decoder = nn.Linear(options.HiddenSize, vocabularySize);
        RegisterComponents();
        using (no_grad())
        {
            foreach (var parameter in parameters()) nn.init.uniform_(parameter, -options.InitRange, options.InitRange);
        }
        if (options.TieWeights) decoder.weight = encoder.weight!;
    }

    public int VocabularySize { get; }
    public int Layers { get; }
    public int HiddenSize { get; }

    public Embedding Encoder => encoder;

    /// <param name="input">[time, batch] token ids.</param>
    /// <returns>[time, batch, vocabulary] logits and the state after the last step.</returns>
    public override (Tensor Logits, (Tensor H, Tensor C) State) forward(Tensor input, (Tensor H, Tensor C) state)
    {
        using var embedded = drop.forward(encoder.forward(input));
        var (output, h, c) = rnn.forward(embedded, (state.H, state.C));
        using var dropped = drop.forward(output);
        output.Dispose();
        return (decoder.forward(dropped), (h, c));
    }

    /// <summary>Zeros for <paramref name="batch"/> streams on <paramref name="device"/>.</summary>
    public (Tensor H, Tensor C) InitialState(int batch, Device device) =>
        (zeros(Layers, batch, HiddenSize, device: device), zeros(Layers, batch, HiddenSize, device: device));
}
