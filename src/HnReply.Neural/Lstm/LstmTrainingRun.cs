using System.Text.Json;
using System.Text.Json.Nodes;
using HnReply.Models;
using HnReply.Neural.Training;
using HnReply.Text;
using HnReply.Word2Vec;

namespace HnReply.Neural.Lstm;

/// <summary>
/// <c>train lstm</c> as a library call: tokenize, build the vocabulary, resolve the options for it,
/// map word2vec vectors onto it, train (<see cref="LstmTrainer"/>), score the test documents the
/// way eval does, and publish the model directory. The run works in <c>OUT.training/</c> (with its
/// checkpoint and <c>run.json</c>, the resolved options) and only replaces <c>OUT</c> once the new
/// model is complete, so a user's earlier model survives an interrupted run. A resumed run must
/// ask for the same model: any option that differs from <c>run.json</c> is refused, by name.
/// </summary>
public sealed class LstmTrainingRun(TimeProvider? time = null)
{
    public const string RunFile = "run.json";

    // Options that may change between an interrupted run and its resumption: they change how it runs, not what it learns.
    private static readonly HashSet<string> Adjustable = ["max_minutes", "threads", "device", "checkpoint_seconds", "checkpoint_every_steps", "eval_every_steps"];

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The folder an unfinished run of <paramref name="output"/> works in.</summary>
    public static string WorkFolder(string output) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(output)) + ".training";

    /// <param name="notes">One-line notes for the user (vocabulary size, embedding coverage, ...).</param>
    public LstmTrainingOutcome Run(LstmTrainingRequest request, IProgress<TrainingProgress>? progress = null, IProgress<string>? notes = null,
                                   CancellationToken cancellationToken = default)
    {
        var started = _time.GetUtcNow();
        request.Options.Validate();
        string work = WorkFolder(request.Output);
        bool unfinished = Directory.Exists(work);
        if (unfinished && !request.Resume)
            throw new ArgumentException($"{work} holds an unfinished run of {request.Output}: add --resume to continue it, or delete that folder to start over");
        if (!unfinished && request.Resume)
            throw new ArgumentException($"--resume: {request.Output} has no unfinished run to continue ({work} does not exist)");

        var tokenizer = Tokenizers.Create(request.Tokenization);
        var trainTokens = request.Train.Select(tokenizer.Tokenize).ToList();
        string vocabularyPath = Path.Combine(work, Vocabulary.FileName);
        var vocabulary = unfinished ? Vocabulary.Load(vocabularyPath) : Vocabulary.Build(trainTokens, request.MinCount, request.MaxVocabulary);
        var options = request.Options.ResolveFor(vocabulary.Count);
        var run = Describe(request, options);
        if (unfinished) CheckSameRun(work, run);
        else
        {
            Directory.CreateDirectory(work);
            vocabulary.Save(vocabularyPath);
            File.WriteAllText(Path.Combine(work, RunFile), run.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        notes?.Report($"vocabulary {vocabulary.Count:N0}, {request.Train.Count:N0} training documents from {request.Source}; " +
                      $"{options.Softmax.ToString().ToLowerInvariant()} softmax{(options.Cutoffs.Length > 0 ? $" (cutoffs {string.Join(',', options.Cutoffs)})" : "")}");

        var train = trainTokens.Select(vocabulary.Encode).ToList();
        var valid = request.Valid?.Select(d => vocabulary.Encode(tokenizer.Tokenize(d))).ToList();
        var test = request.Test?.Select(d => vocabulary.Encode(tokenizer.Tokenize(d))).ToList();
        var initial = request.InitialVectors is { } vectors ? InitialRows(vectors, vocabulary, notes) : null;
        var budget = new TrainingBudget(options.MaxMinutes > 0 ? started + TimeSpan.FromMinutes(options.MaxMinutes) : null,
                                        test?.Sum(d => d.Length + 1L) ?? 0);
        var result = new LstmTrainer(options, vocabulary.Count, _time).Train(work, train, valid, unfinished, budget, initial, progress, cancellationToken);

        var metrics = new JsonObject
        {
            [options.Stream ? "best_valid_ppl_stream" : "best_valid_ppl"] = double.IsFinite(result.BestValidPerplexity) ? Math.Round(result.BestValidPerplexity, 3) : null,
            ["steps"] = result.Steps,
            ["seconds"] = Math.Round(result.Seconds, 1),
            ["tokens_per_sec"] = Math.Round(result.TokensPerSecond, 1),
            ["stopped"] = result.StopReason,
        };
        var manifest = new ModelManifest
        {
            Format = LstmLanguageModel.FormatTag,
            Options = ModelDirectory.ToJsonObject(options),
            Tokenizer = ModelDirectory.ToJsonObject(request.Tokenization),
            VocabularySize = vocabulary.Count,
            Data = new JsonObject
            {
                ["source"] = request.Source, ["train_documents"] = request.Train.Count, ["train_tokens"] = train.Sum(d => d.Length + 1),
                ["init_embeddings"] = request.InitialVectorsPath,
            },
            Metrics = metrics,
        };
        ModelDirectory.WriteManifest(work, manifest);
        if (test is { Count: > 0 })
        {
            using var model = LstmLanguageModel.Load(work, options.Device);
            // A stream run reports the paper's convention, and beside it what eval measures on the same file.
            if (options.Stream) metrics["test_ppl_stream"] = Math.Round(model.StreamPerplexity(test), 3);
            metrics["test_ppl"] = Math.Round(model.Perplexity(test), 3);
        }
        Publish(work, request.Output, manifest with { Metrics = metrics });
        return new LstmTrainingOutcome(result, options, vocabulary.Count, metrics);
    }

    private static JsonObject Describe(LstmTrainingRequest request, LstmOptions options) => new()
    {
        ["options"] = ModelDirectory.ToJsonObject(options),
        ["tokenizer"] = ModelDirectory.ToJsonObject(request.Tokenization),
        ["min_count"] = request.MinCount,
        ["max_vocabulary"] = request.MaxVocabulary,
        ["source"] = request.Source,
        ["init_embeddings"] = request.InitialVectorsPath,
    };

    // A resumed run must be the run that was interrupted: list every setting that differs.
    internal static void CheckSameRun(string work, JsonObject now)
    {
        string file = Path.Combine(work, RunFile);
        JsonObject before;
        try
        {
            before = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new InvalidDataException($"{file}: cannot read the interrupted run's settings ({e.Message.Split('.')[0]})", e);
        }
        var differences = new List<string>();
        Compare("", before, now, differences);
        if (differences.Count > 0)
            throw new ArgumentException($"--resume: this command differs from the interrupted run in {string.Join("; ", differences)}");
    }

    private static void Compare(string path, JsonObject before, JsonObject now, List<string> differences)
    {
        foreach (string key in before.Select(p => p.Key).Union(now.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            if (Adjustable.Contains(key)) continue;
            var a = before[key];
            var b = now[key];
            if (a is JsonObject oa && b is JsonObject ob) Compare($"{path}{key}.", oa, ob, differences);
            else if (!JsonNode.DeepEquals(a, b))
                differences.Add($"{path}{key} was {a?.ToJsonString() ?? "unset"}, now {b?.ToJsonString() ?? "unset"}");
        }
    }

    // Moves the finished model's files into OUT (replacing an older model only now) and removes the work folder.
    internal static void Publish(string work, string output, ModelManifest manifest)
    {
        ModelDirectory.Write(output, manifest, target =>
        {
            foreach (string name in new[] { Vocabulary.FileName, LstmTrainer.WeightsFile, LstmTrainer.MetricsFile, LstmTrainer.CurveFile })
            {
                string source = Path.Combine(work, name);
                if (File.Exists(source)) File.Move(source, Path.Combine(target, name));
            }
        });
        Directory.Delete(work, recursive: true);
    }

    // Row per vocabulary id: the word's vector (or its lower-cased form's), null where word2vec never saw it.
    internal static float[]?[] InitialRows(WordVectors vectors, Vocabulary vocabulary, IProgress<string>? notes)
    {
        var rows = new float[]?[vocabulary.Count];
        int found = 0;
        for (int id = 0; id < vocabulary.Count; id++)
        {
            string token = vocabulary.Token(id);
            int row = vectors.IndexOf(token);
            if (row < 0) row = vectors.IndexOf(token.ToLowerInvariant());
            if (row < 0) continue;
            rows[id] = vectors[row].ToArray();
            found++;
        }
        notes?.Report($"word2vec vectors for {found:N0} of {vocabulary.Count:N0} words ({100.0 * found / vocabulary.Count:F1}%)");
        return rows;
    }
}
