using System.Text.Json.Nodes;
using HnReply.Models;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.NGram;

/// <summary>
/// Rung 1 as a model directory and an <see cref="ILanguageModel"/>: the Kneser-Ney
/// <see cref="NGramModel"/> with the tokenizer and vocabulary it was trained with. The directory
/// holds <c>model.json</c> (<c>hnreply-ngram/1</c>), <c>vocab.txt</c>, <c>model.arpa</c> (for
/// KenLM, SRILM and people) and <c>model.bin</c> (the same model, loaded in a fraction of the time).
/// </summary>
public sealed class NGramLanguageModel(NGramModel model, Vocabulary vocabulary, ITokenizer tokenizer) : ILanguageModel
{
    public const string FormatTag = "hnreply-ngram/1";
    private const string ArpaFile = "model.arpa";
    private const string BinaryFile = "model.bin";
    private const string VocabularyFile = "vocab.txt";

    public string Kind => "ngram";
    public NGramModel Model => model;
    public Vocabulary Vocabulary => vocabulary;
    public ITokenizer Tokenizer => tokenizer;

    public LanguageModelState Begin() => new State(model.Begin());

    public LanguageModelState Advance(LanguageModelState state, int token)
    {
        model.Score(((State)state).Context, token, out var next);
        return new State(next);
    }

    public double LogProbability(LanguageModelState state, int token) => model.Score(((State)state).Context, token, out _);

    public IReadOnlyList<(int Id, double Probability)> TopWords(LanguageModelState state, int k)
    {
        var best = new (int Id, double Probability)[k];
        int found = model.TopK(((State)state).Context, k, best, vocabulary.WordMask);
        return best[..found];
    }

    public void NextTokenProbabilities(LanguageModelState state, Span<float> probabilities)
    {
        var exact = new double[probabilities.Length];
        model.Distribution(((State)state).Context, exact);
        for (int i = 0; i < exact.Length; i++) probabilities[i] = (float)exact[i];
    }

    /// <summary>Tokenizes, builds the vocabulary from the training documents and estimates the model.</summary>
    public static NGramLanguageModel Train(IReadOnlyList<string> documents, TokenizerOptions tokenization, int minCount, int maxVocabulary,
                                           NGramOptions options, IProgress<NGramProgress>? progress = null)
    {
        var tokenizer = Tokenizers.Create(tokenization);
        var tokenized = documents.Select(tokenizer.Tokenize).ToList();
        var vocabulary = Vocabulary.Build(tokenized, minCount, maxVocabulary);
        var sentences = tokenized.Select(t => (ReadOnlyMemory<int>)vocabulary.Encode(t));
        return new NGramLanguageModel(KneserNeyEstimator.Estimate(sentences, vocabulary.Count, options, progress), vocabulary, tokenizer);
    }

    public void Save(string directory, ModelManifest manifest)
    {
        var tokens = Enumerable.Range(0, vocabulary.Count).Select(vocabulary.Token).ToArray();
        ModelDirectory.Write(directory, manifest with
        {
            Format = FormatTag,
            Tokenizer = ModelDirectory.ToJsonObject(tokenizer.Options),
            VocabularySize = vocabulary.Count,
        }, dir =>
        {
            vocabulary.Save(Path.Combine(dir, VocabularyFile));
            ArpaWriter.Write(model, tokens, Path.Combine(dir, ArpaFile));
            NGramBinaryFile.Write(model, tokens, Path.Combine(dir, BinaryFile));
        });
    }

    public static NGramLanguageModel Load(string directory)
    {
        var manifest = ModelDirectory.ReadManifest(directory, "ngram", 1);
        var options = System.Text.Json.JsonSerializer.Deserialize<TokenizerOptions>(manifest.Tokenizer.ToJsonString(), ModelDirectory.JsonOptions)
                      ?? throw new InvalidDataException($"{Path.Combine(directory, ModelDirectory.ManifestFile)}: no tokenizer settings");
        var vocabulary = Vocabulary.Load(Path.Combine(directory, VocabularyFile));
        string binary = Path.Combine(directory, BinaryFile);
        var (model, tokens) = File.Exists(binary) ? NGramBinaryFile.Read(binary) : ArpaReader.Read(Path.Combine(directory, ArpaFile));
        if (tokens.Length != vocabulary.Count)
            throw new InvalidDataException($"{directory}: the model has {tokens.Length} words but {VocabularyFile} has {vocabulary.Count}");
        return new NGramLanguageModel(model, vocabulary, Tokenizers.Create(options));
    }

    /// <summary>The manifest's record of the options and the data a model was trained on.</summary>
    public static JsonObject DescribeOptions(NGramOptions options, int minCount, int maxVocabulary)
    {
        var json = ModelDirectory.ToJsonObject(options);
        json["min_count"] = minCount;
        json["max_vocabulary"] = maxVocabulary;
        return json;
    }

    private sealed class State(NGramState context) : LanguageModelState
    {
        public NGramState Context { get; } = context;
    }
}
