using System.Text.Json.Nodes;
using HnReply.Corpus;
using HnReply.Evaluation;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Reply;
using HnReply.NGram;
using HnReply.Retrieval;
using HnReply.Text;

namespace HnReply.Server.Tests;

/// <summary>
/// Tiny models trained once for the whole test run, the way `hnreply train` writes them, from a small
/// synthetic corpus: an n-gram ("ngram"), an LSTM ("lstm", with its loss.png), a retrieval replier
/// ("retrieval"), and "loop": an n-gram trained on one long cycle of words, whose greedy continuation
/// never ends, for the tests that need a stream to run until it is stopped; "reply", an encoder-decoder
/// trained on a copy task (parent "a3 a0 a5" → reply "b3 b0 b5", <see cref="CopyPair"/>). Also an eval
/// report folder ("report") with ladder.json and ladder.png.
/// </summary>
public sealed class ServedModels : IDisposable
{
    public static readonly string[] Sentences =
    [
        "the cat sat on the mat",
        "the dog sat on the rug",
        "a cat likes the mat",
        "the cat ate the fish",
        "a dog likes the rug",
        "the quick brown fox jumps over the lazy dog",
    ];

    public static readonly (string Parent, string Reply)[] Pairs =
    [
        ("Is Rust worth learning for systems work?", "Yes, the borrow checker pays for itself after a month."),
        ("What database do you use for side projects?", "SQLite for everything until it hurts, then Postgres."),
        ("How do you keep up with papers?", "I read the abstracts on weekends and skip the rest."),
        ("Is remote work here to stay?", "For most teams I know it is, with an office day a week."),
    ];

    private static readonly string[] Cycle = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];

    public ServedModels()
    {
        Folder = Directory.CreateTempSubdirectory("hnreply-server-").FullName;
        var whitespace = new TokenizerOptions { Kind = TokenizerKind.Whitespace };
        var train = Enumerable.Range(0, 20).SelectMany(_ => Sentences).ToList();
        WriteNGram("ngram", train, whitespace);
        WriteNGram("loop", [string.Join(' ', Enumerable.Range(0, 300).SelectMany(_ => Cycle))], whitespace);

        var pairs = Pairs.Select((p, i) => new ReplyPair(1, 10 + i, 100 + i, Split.Train, "Ask HN", p.Parent, p.Reply)).ToList();
        new RetrievalReplier(pairs).Save(System.IO.Path.Combine(Folder, "retrieval"), new ModelManifest
        {
            Format = RetrievalReplier.FormatTag,
            Tokenizer = ModelDirectory.ToJsonObject(RetrievalReplier.Tokenization),
            Data = new JsonObject { ["pairs"] = pairs.Count },
        });

        new LstmTrainingRun().Run(new LstmTrainingRequest
        {
            Output = System.IO.Path.Combine(Folder, "lstm"),
            Options = new LstmOptions { EmbeddingSize = 16, HiddenSize = 16, Epochs = 2, BatchSize = 4, Bptt = 8, Dropout = 0, Threads = 1 },
            Tokenization = whitespace,
            Train = train,
            Valid = Sentences,
            Source = "test sentences",
        });

        new ReplyTrainingRun().Run(new ReplyTrainingRequest
        {
            Output = System.IO.Path.Combine(Folder, "reply"),
            Options = new ReplyOptions
            {
                EmbeddingSize = 24, HiddenSize = 24, Dropout = 0, Epochs = 40, BatchSize = 16, LearningRate = 0.02, Patience = 0,
                ReduceOnPlateau = false, MaxContextTokens = 8, MaxTitleTokens = 2, Threads = 1, Seed = 5, CheckpointSeconds = 3600,
            },
            Tokenization = whitespace,
            MinCount = 1,
            Train = CopyPairs(240, 1),
            Valid = CopyPairs(20, 2),
            Source = "copy task",
        });

        string report = Directory.CreateDirectory(System.IO.Path.Combine(Folder, "report")).FullName;
        File.WriteAllText(System.IO.Path.Combine(report, "ladder.json"),
            """[{"model":"ngram","kind":"ngram","perplexity":3.25,"top1":0.5},{"model":"retrieval","kind":"retrieval","recall_at_1_of_10":0.75}]""");
        LadderChart.Write(System.IO.Path.Combine(report, "ladder.png"), [("ngram", 3.25)], [("retrieval", 0.75)]);
    }

    /// <summary>The copy task's pair for three digits: ("a3 a0 a5", "b3 b0 b5").</summary>
    public static (string Parent, string Reply) CopyPair(IEnumerable<int> digits) =>
        (string.Join(' ', digits.Select(d => $"a{d}")), string.Join(' ', digits.Select(d => $"b{d}")));

    private static List<ReplyPair> CopyPairs(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var (parent, reply) = CopyPair([.. Enumerable.Range(0, 3).Select(_ => random.Next(8))]);
            return new ReplyPair(seed * 10_000 + i + 1, 0, 0, Split.Train, "", parent, reply);
        })];
    }

    /// <summary>The folder that holds every model directory and the report.</summary>
    public string Folder { get; }

    public string Model(string name) => System.IO.Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void WriteNGram(string name, IReadOnlyList<string> documents, TokenizerOptions tokenization)
    {
        var model = NGramLanguageModel.Train(documents, tokenization, 1, int.MaxValue, new NGramOptions { Order = 3 });
        model.Save(System.IO.Path.Combine(Folder, name), new ModelManifest
        {
            Format = NGramLanguageModel.FormatTag,
            Options = NGramLanguageModel.DescribeOptions(new NGramOptions { Order = 3 }, 1, int.MaxValue),
            Metrics = new JsonObject { ["valid_ppl"] = 3.25 },
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ServedModelsGroup : ICollectionFixture<ServedModels>
{
    public const string Name = "served models";
}
