using HnReply.Corpus;
using HnReply.Models;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Retrieval;

/// <summary>
/// Rung 0 for replies: BM25 over the training pairs' contexts (parent text plus story title); the
/// answer is the reply of the nearest contexts, near-duplicates removed, with the thread it came
/// from. Candidate replies are scored by BM25 of the parent against the reply, with statistics of
/// the training replies. Immutable after construction; any number of threads may query it.
/// </summary>
public sealed class RetrievalReplier : IReplier
{
    public const string FormatTag = "hnreply-retrieval/1";
    private const string PairsFile = "pairs.jsonl";
    // A reply whose word set overlaps an already chosen one this much says the same thing.
    private const double DuplicateJaccard = 0.7;

    private readonly IReadOnlyList<ReplyPair> _pairs;
    private readonly ITokenizer _tokenizer;
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly Bm25Index _contexts;
    private readonly Bm25Index _replies;

    public RetrievalReplier(IReadOnlyList<ReplyPair> pairs, Bm25Options? options = null)
    {
        _pairs = pairs;
        _tokenizer = Tokenizers.Create(Tokenization);
        var contexts = pairs.Select(p => Terms(Context(p.Parent, p.Title), grow: true)).ToList();
        var replies = pairs.Select(p => Terms(p.Reply, grow: true)).ToList();
        _contexts = new Bm25Index(contexts, _terms.Count, options);
        _replies = new Bm25Index(replies, _terms.Count, options);
    }

    /// <summary>Lower-cased HN word tokens: retrieval matches words, not their capitalisation.</summary>
    public static TokenizerOptions Tokenization { get; } = new() { Kind = TokenizerKind.Word, Lowercase = true };

    public string Kind => "retrieval";

    public int Count => _pairs.Count;

    public IReadOnlyList<GeneratedReply> Reply(string parent, string? title, int n)
    {
        var query = Terms(Context(parent, title), grow: false);
        var chosen = new List<(GeneratedReply Reply, HashSet<int> Words)>();
        foreach (var (doc, score) in _contexts.Search(query, Math.Max(n * 8, 20)))
        {
            var pair = _pairs[doc];
            var words = Terms(pair.Reply, grow: false).ToHashSet();
            if (chosen.Any(c => Jaccard(c.Words, words) >= DuplicateJaccard)) continue;
            chosen.Add((new GeneratedReply(pair.Reply, score, pair.StoryId, pair.ReplyId), words));
            if (chosen.Count == n) break;
        }
        return chosen.Select(c => c.Reply).ToList();
    }

    public double Score(string parent, string? title, string reply) =>
        _replies.Score(Terms(Context(parent, title), grow: false), Terms(reply, grow: false));

    public void Save(string directory, ModelManifest manifest) =>
        ModelDirectory.Write(directory, manifest with { Format = FormatTag }, dir => ReplyPairFile.Write(Path.Combine(dir, PairsFile), _pairs));

    public static RetrievalReplier Load(string directory)
    {
        ModelDirectory.ReadManifest(directory, "retrieval", 1);
        string file = Path.Combine(directory, PairsFile);
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: missing from the model directory");
        var pairs = ReplyPairFile.Read(file).ToList();
        return new RetrievalReplier(pairs);
    }

    private static string Context(string parent, string? title) =>
        string.IsNullOrWhiteSpace(title) || parent.StartsWith(title, StringComparison.Ordinal) ? parent : title + "\n\n" + parent;

    private int[] Terms(string text, bool grow)
    {
        var ids = new List<int>();
        foreach (string token in _tokenizer.Tokenize(text))
        {
            if (!token.Any(char.IsLetterOrDigit)) continue;
            if (_terms.TryGetValue(token, out int id)) ids.Add(id);
            else if (grow) { _terms[token] = _terms.Count; ids.Add(_terms.Count - 1); }
        }
        return [.. ids];
    }

    private static double Jaccard(HashSet<int> a, HashSet<int> b) =>
        a.Count + b.Count == 0 ? 1 : a.Intersect(b).Count() / (double)a.Union(b).Count();
}
