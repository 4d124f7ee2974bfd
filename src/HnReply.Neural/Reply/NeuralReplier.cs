using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HnReply.Evaluation;
using HnReply.Prediction;
using HnReply.Ranking;
using HnReply.Text;

namespace HnReply.Neural.Reply;

/// <summary>
/// The reply model as a replier, and with <paramref name="retrieval"/> the hybrid one. Candidates
/// come from the model (beam search or samples) and, in the hybrid, from retrieval; all are
/// reranked by the MMI score of Li et al. 2016, per token: (log p(r|c) − λ·log p(r)) / |r|, with
/// <paramref name="languageModel"/> as p(r), or else the LM the reply model holds when it was trained with
/// its LM frozen (λ = 0, or neither: log p(r|c) alone); then replies that
/// say the same thing as a better one are dropped (word-set Jaccard ≥ 0.7, Smart Reply's diversity
/// step) and the best n remain. <see cref="Score"/>, what eval ranks the true reply by among others, asks
/// instead how much the parent explains each reply: with a p(r), the pointwise mutual information
/// log p(r|c) − log p(r) = log p(c|r) − log p(c), summed over the reply (ranking replies to one parent by
/// it is ranking them by p(c|r)); without one, log p(r|c) per token. The LM's log p(r) of a text is cached:
/// distractor replies recur. With a fitted <paramref name="ranker"/> (<c>hnreply train hybrid</c>) the hybrid ranks
/// every candidate, and <see cref="Score"/>s every reply, by a linear function of <see cref="HybridFeatures"/>
/// instead: the reply model's score above, the retrieval model's BM25 score and the log of the reply's length.
/// </summary>
public sealed class NeuralReplier(ReplyModel model, ILanguageModel? languageModel = null, IReplier? retrieval = null, ReplyRequest? defaults = null,
                                  LinearRanker? ranker = null)
    : IStreamingReplier
{
    /// <summary>What a hybrid ranker weighs, in this order (<see cref="HybridFeatureRows"/>).</summary>
    public static IReadOnlyList<string> HybridFeatures { get; } = ["reply_model", "retrieval", "log_tokens"];

    private const double DuplicateJaccard = 0.7;
    private static readonly ITokenizer Words = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Word, Lowercase = true });
    private readonly ConcurrentDictionary<string, double> _languageModelLog = new(StringComparer.Ordinal);


    public string Kind => retrieval is null ? "reply" : "hybrid";

    /// <summary>The fitted ranker of a hybrid model directory, or null: candidates are ranked by the reply model (and MMI).</summary>
    public LinearRanker? Ranker { get; } = ranker is null || retrieval is not null ? ranker
        : throw new ArgumentException("a hybrid ranker weighs the retrieval model's scores; give the retrieval model too", nameof(ranker));

    public ReplyRequest Defaults { get; } = defaults ?? new ReplyRequest();

    /// <summary>A server scores new candidate texts for ever: past this many cached log p(r) the cache starts again.</summary>
    internal int LanguageModelCacheLimit { get; init; } = 50_000;

    internal int LanguageModelCacheCount => _languageModelLog.Count;

    public ReplyModel Model => model;

    /// <summary>Whether there is a p(r) for the MMI score: a language model given, or the one the reply model holds.</summary>
    public bool HasLanguageModel => languageModel is not null || model.HoldsLanguageModel;

    /// <summary>Perplexity of <paramref name="replies"/> under p(r) (DESIGN.md's convention: one &lt;/s&gt; each), or NaN without one.</summary>
    public double LanguageModelPerplexity(IReadOnlyList<string> replies)
    {
        if (languageModel is not null) return ReplyPerplexity.Of(languageModel, replies);
        if (!model.HoldsLanguageModel) return double.NaN;
        var scores = model.ScoreWithoutParent(replies);
        return Math.Exp(-scores.Sum(s => s.LogProbability) / scores.Sum(s => s.Tokens));
    }

    /// <summary>This replier without retrieval candidates: the reply model alone, same ranking.</summary>
    public NeuralReplier Alone() => new(model, languageModel, null, Defaults);

    /// <summary>This replier, its ranker included, writing with <paramref name="request"/>.</summary>
    public NeuralReplier With(ReplyRequest request) => new(model, languageModel, retrieval, request, Ranker);

    /// <summary>
    /// Per reply, <see cref="HybridFeatures"/>: the reply model's ranking score (<see cref="Score"/> without a ranker), the
    /// retrieval model's score, and the log of the reply's token count with its &lt;/s&gt;.
    /// </summary>
    public double[][] HybridFeatureRows(string parent, string? title, IReadOnlyList<string> replies, CancellationToken cancellationToken = default)
    {
        if (retrieval is null) throw new InvalidOperationException("hybrid features need the retrieval model");
        var conditional = model.ScoreReplies(parent, title, replies, cancellationToken);
        var neural = NeuralScores(replies, conditional, cancellationToken);
        return Enumerable.Range(0, replies.Count)
            .Select(i => new[] { neural[i], retrieval.Score(parent, title, replies[i]), Math.Log(conditional[i].Tokens) }).ToArray();
    }

    public IReadOnlyList<GeneratedReply> Reply(string parent, string? title, int n) =>
        Replies(parent, title, Defaults with { Count = n }, null, CancellationToken.None).Select(c => c.Reply).ToList();

    public double Score(string parent, string? title, string reply) => ScoreAll(parent, title, [reply])[0];

    public IReadOnlyList<double> ScoreAll(string parent, string? title, IReadOnlyList<string> replies)
    {
        if (Ranker is not null) return HybridFeatureRows(parent, title, replies).Select(Ranker.Score).ToList();
        return NeuralScores(replies, model.ScoreReplies(parent, title, replies), CancellationToken.None);
    }

    // PMI with a p(r), else log p(r|c) per token.
    private double[] NeuralScores(IReadOnlyList<string> replies, (double LogProbability, int Tokens)[] conditional, CancellationToken cancellationToken)
    {
        if (!HasLanguageModel) return conditional.Select(c => c.LogProbability / c.Tokens).ToArray();
        var logs = LanguageModelLogs(replies, cancellationToken);
        return Enumerable.Range(0, replies.Count).Select(i => conditional[i].LogProbability - logs[i]).ToArray();
    }

    public async IAsyncEnumerable<ReplyPiece> StreamReplies(string parent, string? title, ReplyRequest request,
                                                            [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ReplyPiece>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() =>
        {
            try
            {
                var streamed = new HashSet<int>();
                var ranked = Replies(parent, title, request, (index, piece) =>
                {
                    streamed.Add(index);
                    channel.Writer.TryWrite(new ReplyPiece.Token(index, piece));
                }, cancellationToken);
                bool live = request.Beam < 1;
                streamed.ExceptWith(ranked.Select(c => c.Index));
                foreach (int index in streamed.Order()) channel.Writer.TryWrite(new ReplyPiece.Dropped(index));
                foreach (var candidate in ranked)
                {
                    if (!live || candidate.Pieces is null)
                        foreach (string piece in candidate.Pieces ?? [candidate.Reply.Text]) channel.Writer.TryWrite(new ReplyPiece.Token(candidate.Index, piece));
                    channel.Writer.TryWrite(new ReplyPiece.Candidate(candidate.Index, candidate.Reply));
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, cancellationToken);
        await foreach (var piece in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return piece;
        await producer.ConfigureAwait(false);
    }

    private sealed record Ranked(int Index, GeneratedReply Reply, IReadOnlyList<string>? Pieces);

    // Candidates (generated, then retrieved) → MMI score → near-duplicates dropped → best request.Count.
    private List<Ranked> Replies(string parent, string? title, ReplyRequest request, Action<int, string>? onToken, CancellationToken cancellationToken)
    {
        request.Validate();
        var decode = request.Beam >= 1 ? request with { Beam = Math.Max(request.Beam, request.Count) } : request;
        var generated = model.Generate(parent, title, decode, request.Beam < 1 ? onToken : null, cancellationToken);
        var candidates = generated.Select((g, i) => new Ranked(i, new GeneratedReply(g.Text, 0), g.Pieces)).ToList();
        if (retrieval is not null)
            candidates.AddRange(retrieval.Reply(parent, title, Math.Max(request.Count, 5))
                .Select((r, i) => new Ranked(generated.Count + i, r with { Score = 0 }, null)));
        var scores = Rank(parent, title, candidates.Select(c => c.Reply.Text).ToList(), request.MmiLambda, cancellationToken);
        var chosen = new List<(Ranked Candidate, HashSet<string> Words)>();
        foreach (int i in Enumerable.Range(0, candidates.Count).OrderByDescending(i => scores[i]))
        {
            var words = Words.Tokenize(candidates[i].Reply.Text).Where(w => w.Any(char.IsLetterOrDigit)).ToHashSet(StringComparer.Ordinal);
            if (chosen.Any(c => Jaccard(c.Words, words) >= DuplicateJaccard)) continue;
            chosen.Add((candidates[i] with { Reply = candidates[i].Reply with { Score = scores[i] } }, words));
            if (chosen.Count == request.Count) break;
        }
        return chosen.Select(c => c.Candidate).ToList();
    }

    private double[] Rank(string parent, string? title, List<string> replies, double lambda, CancellationToken cancellationToken = default)
    {
        if (Ranker is not null) return HybridFeatureRows(parent, title, replies, cancellationToken).Select(Ranker.Score).ToArray();
        var conditional = model.ScoreReplies(parent, title, replies, cancellationToken);
        bool mmi = lambda > 0 && HasLanguageModel;
        var logs = mmi ? LanguageModelLogs(replies, cancellationToken) : null;
        var scores = new double[replies.Count];
        for (int i = 0; i < replies.Count; i++)
            scores[i] = (conditional[i].LogProbability - (logs is null ? 0 : lambda * logs[i])) / conditional[i].Tokens;
        return scores;
    }

    // log p(r) of each reply: cached, or by the given LM, or by the reply model's own in one batch. Read from a local
    // dictionary, so another thread starting the cache again cannot take a value from under this one.
    private double[] LanguageModelLogs(IReadOnlyList<string> replies, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string reply in replies)
            if (_languageModelLog.TryGetValue(reply, out double log)) known[reply] = log;
        var missing = replies.Distinct(StringComparer.Ordinal).Where(r => !known.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            if (_languageModelLog.Count + missing.Count > LanguageModelCacheLimit) _languageModelLog.Clear();
            if (languageModel is null)
            {
                var scores = model.ScoreWithoutParent(missing, cancellationToken);
                for (int i = 0; i < missing.Count; i++) known[missing[i]] = scores[i].LogProbability;
            }
            else
            {
                foreach (string reply in missing)
                {
                    int[] ids = languageModel.Vocabulary.Encode(languageModel.Tokenizer.Tokenize(reply));
                    double total = 0;
                    DocumentScoring.Score(languageModel, [ids], new BatchScoring(0), (in ScoredPosition p) => total += p.LogProbability, cancellationToken);
                    known[reply] = total;
                }
            }
            foreach (string reply in missing) _languageModelLog[reply] = known[reply];
        }
        return replies.Select(r => known[r]).ToArray();
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 1 : a.Intersect(b).Count() / (double)a.Union(b).Count();
}
