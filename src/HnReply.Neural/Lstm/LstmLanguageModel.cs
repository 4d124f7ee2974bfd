using System.Text.Json;
using HnReply.Models;
using HnReply.Neural.Runtime;
using HnReply.Prediction;
using HnReply.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Rung 3 as an <see cref="ILanguageModel"/>: a trained LSTM with its tokenizer and vocabulary,
/// loaded from a model directory (<c>hnreply-lstm/2</c>: model.json, vocab.txt, weights.dat; /1
/// directories, from before the adaptive softmax, load as full-softmax models).
/// The weights are never changed by a query; a caller's state holds the hidden and cell vectors
/// and the next-token distribution, so a keystroke costs one LSTM step, not the whole prefix.
/// Whole documents are scored in batches (<see cref="ScoreDocuments"/>) with the same numbers.
/// </summary>
public sealed class LstmLanguageModel : IBatchLanguageModel, IDisposable
{
    public const string FormatTag = "hnreply-lstm/2";
    private readonly IDisposable _frozen;

    private readonly LstmNetwork _net;
    private readonly Device _device;
    private readonly State _begin;

    private LstmLanguageModel(LstmNetwork net, Vocabulary vocabulary, ITokenizer tokenizer, Device device)
    {
        _net = net;
        _device = device;
        Vocabulary = vocabulary;
        Tokenizer = tokenizer;
        _frozen = net.Frozen(); // never trained again: no graph is ever recorded (see LstmNetwork.Frozen)
        _net.eval();
        var zeros = new float[net.Layers * net.HiddenSize];
        _begin = Step(zeros, zeros, [Vocabulary.Eos]);
    }

    public string Kind => "lstm";

    /// <summary>The network, for the reply model to start its decoder from (read only: it is frozen).</summary>
    internal LstmNetwork Network => _net;
    public Vocabulary Vocabulary { get; }
    public ITokenizer Tokenizer { get; }

    /// <summary>The start of a document: the state after the &lt;/s&gt; that precedes every document in training.</summary>
    public LanguageModelState Begin() => _begin;

    public LanguageModelState Advance(LanguageModelState state, int token)
    {
        var s = (State)state;
        return Step(s.H, s.C, [token]);
    }

    /// <summary>A run of tokens in one forward over the sequence: one call into libtorch instead of one per token.</summary>
    public LanguageModelState AdvanceThrough(LanguageModelState state, ReadOnlySpan<int> tokens)
    {
        var s = (State)state;
        if (tokens.IsEmpty) return s;
        long[] ids = new long[tokens.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = tokens[i];
        return Step(s.H, s.C, ids);
    }

    public void NextTokenProbabilities(LanguageModelState state, Span<float> probabilities) => ((State)state).Probabilities.CopyTo(probabilities);

    public double LogProbability(LanguageModelState state, int token) => Math.Log(Math.Max(((State)state).Probabilities[token], float.Epsilon));

    public IReadOnlyList<(int Id, double Probability)> TopWords(LanguageModelState state, int k)
    {
        float[] p = ((State)state).Probabilities;
        var best = new int[k];
        int found = Prediction.TopWords.Select(p, Vocabulary.WordMask, best);
        return best[..found].Select(id => (id, (double)p[id])).ToList();
    }

    /// <summary>Loads a model directory written by <c>hnreply train lstm</c>.</summary>
    public static LstmLanguageModel Load(string directory, ComputeDevice device = ComputeDevice.Cpu)
    {
        var manifest = ModelDirectory.ReadManifest(directory, "lstm", 2);
        var options = OptionsOf(directory, manifest);
        var tokenization = manifest.Tokenizer.Deserialize<TokenizerOptions>(ModelDirectory.JsonOptions)
                           ?? throw new InvalidDataException($"{directory}: model.json has no tokenizer settings");
        var vocabulary = Vocabulary.Load(Path.Combine(directory, Vocabulary.FileName));
        string weights = Path.Combine(directory, LstmTrainer.WeightsFile);
        if (!File.Exists(weights)) throw new FileNotFoundException($"{weights}: missing from the model directory");
        var torchDevice = TorchRuntime.Use(device);
        var net = new LstmNetwork(vocabulary.Count, options.ResolveFor(vocabulary.Count));
        ModuleWeights.Load(net, weights, torchDevice);
        return new LstmLanguageModel(net, vocabulary, Tokenizers.Create(tokenization), torchDevice);
    }

    /// <summary>The options a model directory was trained with, as <see cref="Load"/> builds its network from them.</summary>
    public static LstmOptions ReadOptions(string directory) => OptionsOf(directory, ModelDirectory.ReadManifest(directory, "lstm", 2));

    private static LstmOptions OptionsOf(string directory, ModelManifest manifest)
    {
        var options = manifest.Options.Deserialize<LstmOptions>(ModelDirectory.JsonOptions)
                      ?? throw new InvalidDataException($"{directory}: model.json has no LSTM options");
        return options.Softmax == SoftmaxKind.Auto ? options with { Softmax = SoftmaxKind.Full } : options;
    }

    /// <summary>Perplexity of whole documents (each from the begin-of-document state, followed by &lt;/s&gt;), batched.</summary>
    public double Perplexity(IReadOnlyList<int[]> documents) => LstmScorer.Perplexity(_net, _device, documents);

    /// <summary>Perplexity with the state carried across documents (the Penn Treebank convention of <see cref="LstmOptions.Stream"/>).</summary>
    public double StreamPerplexity(IReadOnlyList<int[]> documents) => LstmTrainer.Perplexity(_net, documents, _device, stream: true);

    public void ScoreDocuments(IReadOnlyList<int[]> documents, BatchScoring request, PositionVisitor visit, CancellationToken cancellationToken = default) =>
        LstmScorer.Score(_net, _device, Vocabulary, documents, request, visit, cancellationToken);

    public void Dispose()
    {
        _frozen.Dispose();
        _net.Dispose();
    }

    // The LSTM over one or more tokens. The next-token distribution is left for when someone asks
    // (Probabilities): reading a prefix of n tokens costs n cells and one softmax, not n softmaxes.
    private State Step(float[] h, float[] c, long[] tokens)
    {
        using var scope = NewDisposeScope();
        var shape = new long[] { _net.Layers, 1, _net.HiddenSize };
        var input = tensor(tokens, [tokens.Length, 1], ScalarType.Int64).to(_device);
        var (_, next) = _net.Run(input, (tensor(h, shape).to(_device), tensor(c, shape).to(_device)), resetAtDocuments: false);
        return new State(this, next.H.cpu().data<float>().ToArray(), next.C.cpu().data<float>().ToArray());
    }

    // The distribution after a step, from the top layer's hidden vector: in eval mode (no dropout) it is the step's output.
    private float[] Distribution(float[] h)
    {
        using var scope = NewDisposeScope();
        var top = tensor(h.AsSpan((_net.Layers - 1) * _net.HiddenSize, _net.HiddenSize).ToArray(), [1, _net.HiddenSize]).to(_device);
        return _net.LogProbabilities(top).exp().view(-1).cpu().data<float>().ToArray();
    }

    private sealed class State : LanguageModelState
    {
        private readonly Lazy<float[]> _probabilities;

        public State(LstmLanguageModel model, float[] h, float[] c)
        {
            H = h;
            C = c;
            _probabilities = new Lazy<float[]>(() => model.Distribution(h), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public float[] H { get; }
        public float[] C { get; }
        public float[] Probabilities => _probabilities.Value;
    }
}
