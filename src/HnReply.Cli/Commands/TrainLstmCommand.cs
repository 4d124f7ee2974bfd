using System.CommandLine;
using System.Text.Json.Nodes;
using HnReply.Cli.Output;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Runtime;
using HnReply.Neural.Training;
using HnReply.Text;
using HnReply.Word2Vec;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply train lstm</c>: rung 3. Settings layer as defaults (or a <c>--preset</c> from Zaremba et
/// al. 2014) → <c>--config</c> → flags; the resolved options are printed and saved in model.json.
/// </summary>
internal static class TrainLstmCommand
{
    private static readonly LstmOptions D = new();
    private static readonly Option<LstmPreset> Preset = new("--preset") { Description = "small | medium | large: Zaremba et al. 2014's Penn Treebank settings (every value can still be overridden)", DefaultValueFactory = _ => LstmPreset.None };
    private static readonly Option<int?> Embedding = new("--embedding") { Description = $"Word vector size (default {D.EmbeddingSize})" };
    private static readonly Option<int?> Hidden = new("--hidden") { Description = $"LSTM units per layer (default {D.HiddenSize})" };
    private static readonly Option<int?> Layers = new("--layers") { Description = $"Stacked LSTM layers (default {D.Layers})" };
    private static readonly Option<double?> Dropout = new("--dropout") { Description = $"Dropout on non-recurrent connections (default {D.Dropout})" };
    private static readonly Option<bool?> Tie = new("--tie-weights") { Description = $"Share embedding and decoder weights (default {D.TieWeights})" };
    private static readonly Option<double?> InitRange = new("--init-range") { Description = $"Uniform initialisation range (default {D.InitRange})" };
    private static readonly Option<OptimizerKind?> Optimizer = new("--optimizer") { Description = $"sgd | adamw (default {D.Optimizer})" };
    private static readonly Option<double?> Lr = new("--lr") { Description = $"Learning rate (default {D.LearningRate})" };
    private static readonly Option<double?> WeightDecay = new("--weight-decay") { Description = $"AdamW weight decay (default {D.WeightDecay})" };
    private static readonly Option<int?> Epochs = new("--epochs") { Description = $"Epochs (default {D.Epochs})" };
    private static readonly Option<int?> DecayAfter = new("--decay-after") { Description = $"Multiply the rate by --lr-decay after each epoch past this one (default {D.DecayAfterEpoch})" };
    private static readonly Option<double?> LrDecay = new("--lr-decay") { Description = $"Step decay factor (default {D.DecayFactor})" };
    private static readonly Option<bool?> Plateau = new("--plateau") { Description = $"Halve the rate when validation does not improve (default {D.ReduceOnPlateau})" };
    private static readonly Option<int?> Patience = new("--patience") { Description = $"Stop after this many evaluations without improvement, 0 = never (default {D.Patience})" };
    private static readonly Option<double?> Clip = new("--clip") { Description = $"Gradient global-norm clip (default {D.ClipNorm})" };
    private static readonly Option<int?> Bptt = new("--bptt") { Description = $"Truncated back-propagation steps (default {D.Bptt})" };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = $"Parallel streams of the corpus (default {D.BatchSize})" };
    private static readonly Option<int?> EvalEvery = new("--eval-every") { Description = "Also validate every N steps (default: at epoch ends only)" };
    private static readonly Option<double?> MaxMinutes = new("--max-minutes") { Description = "Stop after this many minutes, keeping the best weights (default: no limit)" };
    private static readonly Option<int?> CheckpointEvery = new("--checkpoint-every") { Description = "Also checkpoint every N steps (default: every 60 s and at epoch ends)" };
    private static readonly Option<string> Device = new("--device") { Description = "cpu | cuda (cuda needs the TorchSharp CUDA package; see the README)", DefaultValueFactory = _ => "cpu" };
    private static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue the unfinished run in --out exactly where its last checkpoint left it" };
    private static readonly Option<string?> InitEmbeddings = new("--init-embeddings") { Description = "word2vec model directory (or vectors file) whose vectors start the embedding; --embedding follows its size" };

    public static Command Create()
    {
        var command = new Command("lstm", "Train an LSTM language model (truncated BPTT over parallel streams, Zaremba et al. 2014)")
        {
            TrainCommand.Out, Preset, ConfigFile.Path, Embedding, Hidden, Layers, Dropout, Tie, InitRange, Optimizer, Lr, WeightDecay,
            Epochs, DecayAfter, LrDecay, Plateau, Patience, Clip, Bptt, BatchSize, EvalEvery, MaxMinutes, CheckpointEvery, Device, Threads, Resume, InitEmbeddings,
        };
        TokenizerFlags.AddTo(command);
        TrainingData.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var options = Read(parse);
            var vectors = parse.GetValue(InitEmbeddings) is { } vectorsPath ? Word2VecModel.Load(vectorsPath).Vectors : null;
            if (vectors is not null) options = FitEmbeddings(parse, options, vectors.Dimensions);
            options.Validate();
            string output = parse.GetValue(TrainCommand.Out)!;
            var tokenization = TokenizerFlags.Read(parse);
            var data = TrainingData.Read(parse);
            var tokenizer = Tokenizers.Create(tokenization);
            var trainTokens = data.Train.Select(tokenizer.Tokenize).ToList();
            bool resume = parse.GetValue(Resume);
            string vocabularyPath = Path.Combine(output, Vocabulary.FileName);
            var vocabulary = resume && File.Exists(vocabularyPath)
                ? Vocabulary.Load(vocabularyPath)
                : Vocabulary.Build(trainTokens, TokenizerFlags.ReadMinCount(parse), TokenizerFlags.ReadMaxVocabulary(parse));
            Directory.CreateDirectory(output);
            vocabulary.Save(vocabularyPath);
            await Console.Error.WriteLineAsync($"train lstm: {ModelDirectory.ToJsonObject(options).ToJsonString()}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"train lstm: vocabulary {vocabulary.Count:N0}, {data.Train.Count:N0} training documents from {data.Source}").ConfigureAwait(false);

            var train = trainTokens.Select(vocabulary.Encode).ToList();
            var valid = data.Valid?.Select(d => vocabulary.Encode(tokenizer.Tokenize(d))).ToList();
            var initial = vectors is null ? null : InitialRows(vectors, vocabulary);
            var trainer = new LstmTrainer(options, vocabulary.Count);
            var result = await ProgressDisplay.RunAsync("train lstm", "chunks", progress => Task.Run(() =>
                trainer.Train(output, train, valid, resume, initial, new Progress(progress), cancellationToken), cancellationToken)).ConfigureAwait(false);

            var metrics = new JsonObject
            {
                ["best_valid_ppl"] = double.IsFinite(result.BestValidPerplexity) ? Math.Round(result.BestValidPerplexity, 3) : null,
                ["steps"] = result.Steps,
                ["seconds"] = Math.Round(result.Seconds, 1),
                ["tokens_per_sec"] = Math.Round(result.TokensPerSecond, 1),
                ["stopped"] = result.StopReason,
            };
            ModelDirectory.WriteManifest(output, new ModelManifest
            {
                Format = LstmLanguageModel.FormatTag,
                Options = ModelDirectory.ToJsonObject(options),
                Tokenizer = ModelDirectory.ToJsonObject(tokenization),
                VocabularySize = vocabulary.Count,
                Data = new JsonObject
                {
                    ["source"] = data.Source, ["train_documents"] = data.Train.Count, ["train_tokens"] = train.Sum(d => d.Length + 1),
                    ["init_embeddings"] = parse.GetValue(InitEmbeddings),
                },
                Metrics = metrics,
            });
            if (data.Test is { Count: > 0 })
            {
                using var model = LstmLanguageModel.Load(output, options.Device);
                metrics["test_ppl"] = Math.Round(model.Perplexity(data.Test.Select(d => vocabulary.Encode(tokenizer.Tokenize(d))).ToList()), 3);
                ModelDirectory.WriteManifest(output, ModelDirectory.ReadManifest(output) with { Metrics = metrics });
            }
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(metrics);
            else Console.Out.WriteLine($"wrote {output}: {result.Steps:N0} steps in {result.Seconds:F0} s ({result.StopReason}); " +
                                       string.Join(", ", metrics.Where(m => m.Key.EndsWith("_ppl", StringComparison.Ordinal) && m.Value is not null).Select(m => $"{m.Key.Replace('_', ' ')} {m.Value}")));
            return 0;
        });
        return command;
    }

    // The embedding takes the vectors' size; with tied weights the hidden size follows unless set.
    private static LstmOptions FitEmbeddings(ParseResult parse, LstmOptions options, int dimensions)
    {
        if (parse.GetResult(Embedding) is { Implicit: false } && options.EmbeddingSize != dimensions)
            throw new ArgumentException($"--embedding {options.EmbeddingSize} differs from the {dimensions}-dimensional vectors of --init-embeddings");
        bool hiddenFollows = options.TieWeights && parse.GetResult(Hidden) is not { Implicit: false };
        return options with { EmbeddingSize = dimensions, HiddenSize = hiddenFollows ? dimensions : options.HiddenSize };
    }

    // Row per vocabulary id: the word's vector (or its lower-cased form's), null where word2vec never saw it.
    private static float[]?[] InitialRows(WordVectors vectors, Vocabulary vocabulary)
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
        Console.Error.WriteLine($"train lstm: word2vec vectors for {found:N0} of {vocabulary.Count:N0} words ({100.0 * found / vocabulary.Count:F1}%)");
        return rows;
    }

    private static LstmOptions Read(ParseResult parse)
    {
        var config = ConfigFile.Read(parse);
        var p = LstmOptions.ForPreset(config.Get(parse, Preset));
        return p with
        {
            EmbeddingSize = config.Get(parse, Embedding, p.EmbeddingSize),
            HiddenSize = config.Get(parse, Hidden, p.HiddenSize),
            Layers = config.Get(parse, Layers, p.Layers),
            Dropout = config.Get(parse, Dropout, p.Dropout),
            TieWeights = config.Get(parse, Tie, p.TieWeights),
            InitRange = config.Get(parse, InitRange, p.InitRange),
            Optimizer = config.Get(parse, Optimizer, p.Optimizer),
            LearningRate = config.Get(parse, Lr, p.LearningRate),
            WeightDecay = config.Get(parse, WeightDecay, p.WeightDecay),
            Epochs = config.Get(parse, Epochs, p.Epochs),
            DecayAfterEpoch = config.Get(parse, DecayAfter, p.DecayAfterEpoch),
            DecayFactor = config.Get(parse, LrDecay, p.DecayFactor),
            ReduceOnPlateau = config.Get(parse, Plateau, p.ReduceOnPlateau),
            Patience = config.Get(parse, Patience, p.Patience),
            ClipNorm = config.Get(parse, Clip, p.ClipNorm),
            Bptt = config.Get(parse, Bptt, p.Bptt),
            BatchSize = config.Get(parse, BatchSize, p.BatchSize),
            EvalEverySteps = config.Get(parse, EvalEvery, p.EvalEverySteps),
            MaxMinutes = config.Get(parse, MaxMinutes, p.MaxMinutes),
            CheckpointEverySteps = config.Get(parse, CheckpointEvery, p.CheckpointEverySteps),
            Device = TorchRuntime.ParseDevice(config.Get(parse, Device)),
            Threads = config.Get(parse, Threads),
            Seed = parse.GetValue(GlobalOptions.Seed),
        };
    }

    private sealed class Progress(IProgress<ProgressReading> display) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => display.Report(new ProgressReading(
            (value.Epoch - 1) * (double)value.Chunks + value.Chunk, (double)value.Epochs * value.Chunks,
            $"epoch {value.Epoch}/{value.Epochs}, {value.TokensPerSecond:N0} tokens/s, loss {value.Loss:F3}, lr {value.LearningRate:G3}" +
            (value.ValidPerplexity is { } v ? $", valid ppl {v:F1}" : "")));
    }
}
