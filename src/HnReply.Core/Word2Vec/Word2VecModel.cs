using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HnReply.Models;

namespace HnReply.Word2Vec;

/// <summary>
/// A word2vec model directory: <c>model.json</c> (format tag <see cref="Format"/>, every option, the
/// tokenizer, data summary, final loss and speed), <c>vocab.txt</c> (word TAB count, in vector order),
/// <c>vectors.bin</c> (the C tool's binary format), optionally <c>vectors.txt</c>, and
/// <c>metrics.jsonl</c> (one line per pass). <see cref="Load"/> also takes a bare vector file from
/// the C tool, gensim or fastText, which then has no manifest.
/// </summary>
public sealed record Word2VecModel(WordVectors Vectors, ModelManifest? Manifest)
{
    public const string Format = "hnreply-word2vec/1";
    public const string VectorsFile = "vectors.bin";
    public const string TextVectorsFile = "vectors.txt";
    public const string VocabularyFile = "vocab.txt";
    public const string MetricsFile = "metrics.jsonl";

    /// <summary>Writes the directory whole or not at all (see <see cref="ModelDirectory.Write"/>).</summary>
    public static void Save(string directory, Word2VecResult result, Word2VecOptions options, Word2VecCorpus corpus,
                            JsonObject tokenizer, JsonObject data, bool writeText)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(corpus);
        var optionsJson = ModelDirectory.ToJsonObject(options);
        optionsJson["c_flags"] = options.ToCommandLine();
        data["words"] = corpus.Vocabulary.TotalCount;
        data["words_read"] = corpus.WordsRead;
        data["bytes"] = corpus.Bytes;
        var manifest = new ModelManifest
        {
            Format = Format,
            Options = optionsJson,
            Tokenizer = tokenizer,
            VocabularySize = corpus.Vocabulary.Count,
            Data = data,
            Metrics = new JsonObject
            {
                ["loss"] = Finite(result.FinalLoss),
                ["words_per_sec"] = Math.Round(result.WordsPerSecond),
                ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3),
                ["threads"] = result.Threads,
            },
        };
        ModelDirectory.Write(directory, manifest, folder =>
        {
            WordVectorFile.Write(Path.Combine(folder, VectorsFile), result.Vectors, WordVectorFormat.Binary);
            if (writeText) WordVectorFile.Write(Path.Combine(folder, TextVectorsFile), result.Vectors, WordVectorFormat.Text);
            corpus.Vocabulary.WriteTsv(Path.Combine(folder, VocabularyFile));
            File.WriteAllText(Path.Combine(folder, MetricsFile), MetricsLines(result), new UTF8Encoding(false));
        });
    }

    /// <summary>A model directory (its manifest checked) or a bare vector file in either word2vec format.</summary>
    public static Word2VecModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path)) return new Word2VecModel(WordVectorFile.Read(path), null);
        if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: no such model directory or vector file");
        var manifest = ModelDirectory.ReadManifest(path, "word2vec", 1);
        string file = Path.Combine(path, VectorsFile);
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: missing; the model directory is incomplete");
        var vectors = WordVectorFile.Read(file, WordVectorFormat.Binary);
        if (vectors.Count != manifest.VocabularySize)
            throw new InvalidDataException($"{file}: holds {vectors.Count:N0} vectors, {ModelDirectory.ManifestFile} says {manifest.VocabularySize:N0}");
        return new Word2VecModel(vectors, manifest);
    }

    // JSON has no NaN: a pass without predictions (a text too short for any window) records null.
    private static JsonValue? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static string MetricsLines(Word2VecResult result)
    {
        var text = new StringBuilder();
        long step = 0;
        foreach (var epoch in result.Epochs)
        {
            step += epoch.Words;
            double seconds = epoch.Elapsed.TotalSeconds;
            text.Append(JsonSerializer.Serialize(new JsonObject
            {
                ["epoch"] = epoch.Epoch,
                ["step"] = step,
                ["words_per_sec"] = seconds > 0 ? Math.Round(step / seconds) : 0,
                ["loss"] = Finite(epoch.Loss),
                ["lr"] = Math.Round(epoch.Alpha, 8),
                ["seconds"] = Math.Round(seconds, 3),
            })).Append('\n');
        }
        return text.ToString();
    }
}
