using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Corpus;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Reply;
using HnReply.Neural.Runtime;
using HnReply.Neural.Training;
using HnReply.Word2Vec;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply train reply</c>: rung 4, the encoder–decoder replier. Pairs come from the store's
/// splits or JSONL files; settings layer as defaults → <c>--config</c> → flags, and with
/// <c>--init-lm</c> the sizes, tokenizer and vocabulary are the LM's.
/// </summary>
internal static class TrainReplyCommand
{
    private static readonly ReplyOptions D = new();
    private static readonly Option<string[]> Pairs = new("--pairs") { Description = "JSONL training pairs: `export pairs` lines or {\"parent\",\"reply\"[,\"title\"]} (default: the store's train split)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
    private static readonly Option<string?> ValidPairs = new("--valid-pairs") { Description = "JSONL validation pairs (default with --pairs: none; else the store's valid split)" };
    private static readonly Option<string?> TestPairs = new("--test-pairs") { Description = "JSONL test pairs scored once training ends (default with --pairs: none; else the store's test split)" };
    private static readonly Option<string?> InitLm = new("--init-lm") { Description = "LSTM LM directory (one layer; full or adaptive softmax) whose vocabulary, tokenizer, embedding, LSTM and output layer start the decoder" };
    private static readonly Option<string?> InitEmbeddings = new("--init-embeddings") { Description = "word2vec model directory (or vectors file) whose vectors start the embedding" };
    private static readonly Option<int?> Embedding = new("--embedding") { Description = $"Word vector size (default {D.EmbeddingSize}, or the LM's)" };
    private static readonly Option<int?> Hidden = new("--hidden") { Description = $"Decoder units; the encoder's two directions have half each (default {D.HiddenSize}, or the LM's)" };
    private static readonly Option<double?> Dropout = new("--dropout") { Description = $"Dropout on non-recurrent connections (default {D.Dropout})" };
    private static readonly Option<bool?> Tie = new("--tie-weights") { Description = $"Share embedding and output weights (default {D.TieWeights})" };
    private static readonly Option<int?> MaxContext = new("--max-context") { Description = $"Context tokens: title, separator, end of the parent (default {D.MaxContextTokens})" };
    private static readonly Option<int?> MaxTitle = new("--max-title") { Description = $"Title tokens within the context (default {D.MaxTitleTokens})" };
    private static readonly Option<int?> MaxReply = new("--max-reply") { Description = $"Reply tokens trained on (default {D.MaxReplyTokens})" };
    private static readonly Option<bool?> FreezeLm = new("--freeze-lm") { Description = "Keep the embedding, decoder LSTM and output layer as --init-lm gave them; train the encoder, attention and copy gate (default false)" };
    private static readonly Option<double?> LabelSmoothing = new("--label-smoothing") { Description = $"Label smoothing (default {D.LabelSmoothing})" };
    private static readonly Option<OptimizerKind?> Optimizer = new("--optimizer") { Description = $"sgd | adamw (default {D.Optimizer})" };
    private static readonly Option<double?> Lr = new("--lr") { Description = $"Learning rate (default {D.LearningRate})" };
    private static readonly Option<double?> WeightDecay = new("--weight-decay") { Description = $"AdamW weight decay (default {D.WeightDecay})" };
    private static readonly Option<int?> Epochs = new("--epochs") { Description = $"Epochs (default {D.Epochs})" };
    private static readonly Option<bool?> Plateau = new("--plateau") { Description = $"Halve the rate when validation does not improve (default {D.ReduceOnPlateau})" };
    private static readonly Option<int?> Patience = new("--patience") { Description = $"Stop after this many evaluations without improvement, 0 = never (default {D.Patience})" };
    private static readonly Option<double?> Clip = new("--clip") { Description = $"Gradient global-norm clip (default {D.ClipNorm})" };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = $"Pairs per step (default {D.BatchSize})" };
    private static readonly Option<int?> EvalEvery = new("--eval-every") { Description = "Also validate every N steps (default: at epoch ends only)" };
    private static readonly Option<double?> MaxMinutes = new("--max-minutes") { Description = "Stop after this many minutes, keeping the best weights (default: no limit)" };
    private static readonly Option<int?> CheckpointEvery = new("--checkpoint-every") { Description = "Also checkpoint every N steps (default: every 60 s and at epoch ends)" };
    private static readonly Option<string> Device = new("--device") { Description = "cpu | cuda", DefaultValueFactory = _ => "cpu" };
    private static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue the unfinished run in --out exactly where its last checkpoint left it" };

    public static Command Create()
    {
        var command = new Command("reply", "Train the encoder-decoder replier with attention (Luong et al. 2015) on (parent, reply) pairs")
        {
            TrainCommand.Out, ConfigFile.Path, Pairs, ValidPairs, TestPairs, InitLm, InitEmbeddings, Embedding, Hidden, Dropout, Tie, MaxContext, MaxTitle, MaxReply, FreezeLm,
            LabelSmoothing, Optimizer, Lr, WeightDecay, Epochs, Plateau, Patience, Clip, BatchSize, EvalEvery, MaxMinutes, CheckpointEvery, Device, Threads, Resume,
        };
        TokenizerFlags.AddTo(command);
        SplitFlags.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var options = Read(parse);
            string? lmPath = parse.GetValue(InitLm);
            if (lmPath is not null) options = FitLanguageModel(parse, options, lmPath);
            else if (options.FreezeLanguageModel) throw new ArgumentException("--freeze-lm keeps the parts --init-lm gives; name the LM with --init-lm DIR");
            string? vectorsPath = parse.GetValue(InitEmbeddings);
            var vectors = vectorsPath is null ? null : Word2VecModel.Load(vectorsPath).Vectors;
            if (vectors is not null && vectors.Dimensions != options.EmbeddingSize)
                throw new ArgumentException($"--init-embeddings has {vectors.Dimensions}-dimensional vectors but --embedding is {options.EmbeddingSize}");
            options.Validate();
            string output = parse.GetValue(TrainCommand.Out)!;
            var (train, valid, test, source) = ReadPairs(parse);
            var request = new ReplyTrainingRequest
            {
                Output = output, Options = options, Tokenization = TokenizerFlags.Read(parse),
                MinCount = parse.GetResult(TokenizerFlags.MinCount) is { Implicit: false } ? TokenizerFlags.ReadMinCount(parse) : 2,
                MaxVocabulary = TokenizerFlags.ReadMaxVocabulary(parse),
                Train = train, Valid = valid, Test = test, Source = source,
                InitialLanguageModel = lmPath, InitialVectors = vectors, InitialVectorsPath = vectorsPath, Resume = parse.GetValue(Resume),
            };
            await Console.Error.WriteLineAsync($"train reply: {ModelDirectory.ToJsonObject(options).ToJsonString()}").ConfigureAwait(false);
            ReplyTrainingOutcome outcome;
            try
            {
                outcome = await ProgressDisplay.RunAsync("train reply", "batches", progress => Task.Run(() =>
                    new ReplyTrainingRun().Run(request, new TrainingProgressReading(progress), new Notes(), cancellationToken), cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"hnreply: interrupted; the last checkpoint is in {LstmTrainingRun.WorkFolder(output)}; continue with: {TrainLstmCommand.ResumeCommand(parse, Resume)}").ConfigureAwait(false);
                return 1;
            }
            var metrics = outcome.Metrics;
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(metrics);
            else Console.Out.WriteLine($"wrote {output}: {outcome.Training.Steps:N0} steps in {outcome.Training.Seconds:F0} s ({outcome.Training.StopReason}); " +
                                       string.Join(", ", metrics.Where(m => m.Key.Contains("_ppl", StringComparison.Ordinal) && m.Value is not null).Select(m => $"{m.Key.Replace('_', ' ')} {m.Value}")) +
                                       " (conditional perplexity of the replies; test lm ppl: the LM's on the same replies)");
            return 0;
        });
        return command;
    }

    private static (List<ReplyPair> Train, List<ReplyPair>? Valid, List<ReplyPair>? Test, string Source) ReadPairs(ParseResult parse)
    {
        var files = parse.GetValue(Pairs)!;
        if (files.Length > 0)
        {
            var train = files.SelectMany(f => ReplyPairFile.Read(f)).ToList();
            if (train.Count == 0) throw new ArgumentException($"{string.Join(", ", files)}: no pairs");
            return (train, parse.GetValue(ValidPairs) is { } v ? ReplyPairFile.Read(v).ToList() : null,
                    parse.GetValue(TestPairs) is { } t ? ReplyPairFile.Read(t).ToList() : null, string.Join(", ", files));
        }
        if (parse.GetValue(ValidPairs) is not null || parse.GetValue(TestPairs) is not null)
            throw new ArgumentException("--valid-pairs and --test-pairs go with --pairs");
        var splits = SplitFlags.Read(parse);
        using var store = GlobalOptions.OpenStore(parse);
        var fromStore = store.Pairs(splits, Split.Train).ToList();
        if (fromStore.Count == 0) throw new ArgumentException($"{store.Path}: the train split has no pairs; run `hnreply fetch` or `hnreply ingest` first, or pass --pairs FILE");
        return (fromStore, store.Pairs(splits, Split.Valid).ToList(), store.Pairs(splits, Split.Test).ToList(), store.Path);
    }

    // With --init-lm the sizes are the LM's: explicit flags that differ are reported, never silently changed.
    private static ReplyOptions FitLanguageModel(ParseResult parse, ReplyOptions options, string lmPath)
    {
        var lm = LstmLanguageModel.ReadOptions(lmPath);
        int embedding = lm.EmbeddingSize, hidden = lm.HiddenSize;
        if (parse.GetResult(Embedding) is { Implicit: false } && options.EmbeddingSize != embedding)
            throw new ArgumentException($"--embedding {options.EmbeddingSize} differs from the --init-lm model's {embedding}");
        if (parse.GetResult(Hidden) is { Implicit: false } && options.HiddenSize != hidden)
            throw new ArgumentException($"--hidden {options.HiddenSize} differs from the --init-lm model's {hidden}");
        return (options with { EmbeddingSize = embedding, HiddenSize = hidden, TieWeights = parse.GetResult(Tie) is { Implicit: false } ? options.TieWeights : lm.TieWeights })
            .WithOutputLayerOf(lm);
    }

    private static ReplyOptions Read(ParseResult parse)
    {
        var config = ConfigFile.Read(parse);
        return new ReplyOptions
        {
            EmbeddingSize = config.Get(parse, Embedding, D.EmbeddingSize),
            HiddenSize = config.Get(parse, Hidden, D.HiddenSize),
            Dropout = config.Get(parse, Dropout, D.Dropout),
            TieWeights = config.Get(parse, Tie, D.TieWeights),
            MaxContextTokens = config.Get(parse, MaxContext, D.MaxContextTokens),
            MaxTitleTokens = config.Get(parse, MaxTitle, D.MaxTitleTokens),
            MaxReplyTokens = config.Get(parse, MaxReply, D.MaxReplyTokens),
            LabelSmoothing = config.Get(parse, LabelSmoothing, D.LabelSmoothing),
            FreezeLanguageModel = config.Get(parse, FreezeLm, D.FreezeLanguageModel),
            Optimizer = config.Get(parse, Optimizer, D.Optimizer),
            LearningRate = config.Get(parse, Lr, D.LearningRate),
            WeightDecay = config.Get(parse, WeightDecay, D.WeightDecay),
            Epochs = config.Get(parse, Epochs, D.Epochs),
            ReduceOnPlateau = config.Get(parse, Plateau, D.ReduceOnPlateau),
            Patience = config.Get(parse, Patience, D.Patience),
            ClipNorm = config.Get(parse, Clip, D.ClipNorm),
            BatchSize = config.Get(parse, BatchSize, D.BatchSize),
            EvalEverySteps = config.Get(parse, EvalEvery, D.EvalEverySteps),
            MaxMinutes = config.Get(parse, MaxMinutes, D.MaxMinutes),
            CheckpointEverySteps = config.Get(parse, CheckpointEvery, D.CheckpointEverySteps),
            Device = TorchRuntime.ParseDevice(config.Get(parse, Device)),
            Threads = config.Get(parse, Threads),
            Seed = parse.GetValue(GlobalOptions.Seed),
        };
    }

    private sealed class Notes : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine($"train reply: {value}");
    }
}
