using System.Text.Json;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Runtime;
using HnReply.Prediction;
using HnReply.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// Rung 4, loaded from a model directory (<c>hnreply-reply/2</c>: model.json, vocab.txt,
/// weights.dat): scores replies by log p(reply | context) and writes them (beam search or sampling).
/// The weights are frozen at load and never change; each call carries its own decoding state, so
/// calls from several threads are safe as long as libtorch runs them (it does on CPU).
/// </summary>
public sealed class ReplyModel : IDisposable
{
    public const string FormatTag = "hnreply-reply/2";

    private readonly ReplyNetwork _net;
    private readonly Device _device;
    private readonly IDisposable _frozen;
    private readonly ReplyTokens _tokens;

    private ReplyModel(ReplyNetwork net, Device device, ReplyTokens tokens, bool holdsLanguageModel)
    {
        _net = net;
        _device = device;
        _tokens = tokens;
        HoldsLanguageModel = holdsLanguageModel;
        _frozen = net.Frozen();
        _net.eval();
    }

    public Vocabulary Vocabulary => _tokens.Vocabulary;
    public ITokenizer Tokenizer => _tokens.Tokenizer;

    /// <summary>
    /// Whether the model holds the LM it started from unchanged (trained with <c>--freeze-lm</c>), so that
    /// <see cref="ScoreWithoutParent"/> is that LM's log p(reply): the p(r) of MMI without loading it.
    /// </summary>
    public bool HoldsLanguageModel { get; }

    public static ReplyModel Load(string directory, ComputeDevice device = ComputeDevice.Cpu)
    {
        var manifest = ModelDirectory.ReadManifest(directory, "reply", 2);
        if (manifest.Version < 2)
            throw new InvalidDataException($"{Path.Combine(directory, ModelDirectory.ManifestFile)}: format {manifest.Format} added its copy term to the logits, "
                                           + "which this build no longer computes; train the model again with `hnreply train reply`");
        var options = manifest.Options.Deserialize<ReplyOptions>(ModelDirectory.JsonOptions)
                      ?? throw new InvalidDataException($"{directory}: model.json has no reply-model options");
        var tokenization = manifest.Tokenizer.Deserialize<TokenizerOptions>(ModelDirectory.JsonOptions)
                           ?? throw new InvalidDataException($"{directory}: model.json has no tokenizer settings");
        var vocabulary = Vocabulary.Load(Path.Combine(directory, Vocabulary.FileName));
        string weights = Path.Combine(directory, LstmTrainer.WeightsFile);
        if (!File.Exists(weights)) throw new FileNotFoundException($"{weights}: missing from the model directory");
        var torchDevice = TorchRuntime.Use(device);
        var net = new ReplyNetwork(vocabulary.Count, options);
        ModuleWeights.Load(net, weights, torchDevice);
        return new ReplyModel(net, torchDevice, new ReplyTokens(Tokenizers.Create(tokenization), vocabulary, options), options.FreezeLanguageModel);
    }

    /// <summary>log p(reply | parent, title) of each reply, summed over its tokens and one &lt;/s&gt;, with that count.</summary>
    public (double LogProbability, int Tokens)[] ScoreReplies(string parent, string? title, IReadOnlyList<string> replies, CancellationToken cancellationToken = default)
    {
        int[] context = _tokens.Context(parent, title);
        return ReplyScoring.Score(_net, _device, replies.Select(_ => context).ToList(), replies.Select(_tokens.Reply).ToList(), cancellationToken);
    }

    /// <summary>log p(reply) of each reply under the decoder alone, with its token count (the LM's, when <see cref="HoldsLanguageModel"/>).</summary>
    public (double LogProbability, int Tokens)[] ScoreWithoutParent(IReadOnlyList<string> replies, CancellationToken cancellationToken = default) =>
        ReplyScoring.Score(_net, _device, null, replies.Select(_tokens.Reply).ToList(), cancellationToken);

    /// <summary>Conditional perplexity of (parent, title, reply) triples: what <c>eval</c> puts next to the LM's perplexity of the same replies.</summary>
    public (double LogProbability, long Tokens) ScorePairs(IReadOnlyList<(string Parent, string? Title, string Reply)> pairs, CancellationToken cancellationToken = default)
    {
        var scores = ReplyScoring.Score(_net, _device, pairs.Select(p => _tokens.Context(p.Parent, p.Title)).ToList(),
                                        pairs.Select(p => _tokens.Reply(p.Reply)).ToList(), cancellationToken);
        return (scores.Sum(s => s.LogProbability), scores.Sum(s => (long)s.Tokens));
    }

    internal double Perplexity(IReadOnlyList<ReplyExample> examples) => ReplyTrainer.Perplexity(_net, _device, examples);

    /// <summary>
    /// Writes replies: beam search when <see cref="ReplyRequest.Beam"/> ≥ 1 (1 = greedy), else
    /// <see cref="ReplyRequest.Count"/> samples, each token handed to <paramref name="onToken"/>
    /// (reply index, text piece) as it is drawn. Best first by the search's length-normalised score.
    /// </summary>
    public IReadOnlyList<DecodedReply> Generate(string parent, string? title, ReplyRequest request, Action<int, string>? onToken = null,
                                                CancellationToken cancellationToken = default)
    {
        request.Validate();
        // MMI-antiLM in beam search (Validate refuses it with sampling), with the LM the model holds.
        int antiLanguageModel = request.AntiLanguageModelTokensFor(HoldsLanguageModel);
        if (antiLanguageModel > 0 && !HoldsLanguageModel)
            throw new ArgumentException("--anti-lm needs a reply model trained with --freeze-lm (the LM it holds is the p(t | prefix) it subtracts)");
        using var steps = new DecodingSteps(_net, _device, _tokens.Context(parent, title), request.MmiLambda, antiLanguageModel);
        var random = new Random(request.Seed ?? Random.Shared.Next());
        var written = new List<int>[Math.Max(1, request.Count)];
        var hypotheses = request.Beam >= 1
            ? BeamSearch.Run(steps.Step, request, cancellationToken)
            : SampledDecoding.Run(steps.Step, request, random, onToken is null ? null : (row, token) =>
            {
                var sofar = written[row] ??= [];
                sofar.Add(token);
                onToken(row, Piece(sofar));
            }, cancellationToken);
        return hypotheses.Where(h => h.Tokens.Length > 0)
            .Select(h => new DecodedReply(_tokens.Text(h.Tokens), Pieces(h.Tokens), h.LogProbability, h.Tokens.Length + (h.Ended ? 1 : 0), h.Score)).ToList();
    }

    // The text the last token of `tokens` adds to the text of the ones before it (detokenizing is context-sensitive: spaces, quotes).
    private string Piece(IReadOnlyList<int> tokens)
    {
        string before = _tokens.Text(tokens.Take(tokens.Count - 1));
        string after = _tokens.Text(tokens);
        return after.StartsWith(before, StringComparison.Ordinal) ? after[before.Length..] : " " + _tokens.Vocabulary.Token(tokens[^1]);
    }

    private string[] Pieces(int[] tokens) => Enumerable.Range(1, tokens.Length).Select(n => Piece(tokens[..n])).ToArray();

    public void Dispose()
    {
        _frozen.Dispose();
        _net.Dispose();
    }
}
