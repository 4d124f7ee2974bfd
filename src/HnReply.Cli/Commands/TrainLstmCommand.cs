using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Runtime;
using HnReply.Neural.Training;
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
    private static readonly Option<double?> WeightDrop = new("--weight-drop") { Description = $"DropConnect on the recurrent weights, AWD-LSTM's weight dropping (default {D.WeightDrop}; 0 = off)" };
    private static readonly Option<double?> EmbeddingDropout = new("--embedding-dropout") { Description = $"Drop whole words from the embedding for a batch (default {D.EmbeddingDropout}; 0 = off)" };
    private static readonly Option<bool?> Variational = new("--variational-dropout") { Description = $"One dropout mask per sequence, the same at every step (default {D.VariationalDropout})" };
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
    private static readonly Option<double?> Cooldown = new("--cooldown") { Description = $"Under --max-minutes, the share of the time at the end over which the rate falls linearly to zero (default {D.Cooldown}; 0 = off)" };
    private static readonly Option<int?> CheckpointEvery = new("--checkpoint-every") { Description = "Also checkpoint every N steps (default: every 60 s and at epoch ends)" };
    private static readonly Option<string> Device = new("--device") { Description = "cpu | cuda (cuda needs the TorchSharp CUDA package; see the README)", DefaultValueFactory = _ => "cpu" };
    private static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue the unfinished run in --out exactly where its last checkpoint left it" };
    private static readonly Option<string?> InitEmbeddings = new("--init-embeddings") { Description = "word2vec model directory (or vectors file) whose vectors start the embedding; --embedding follows its size" };
    private static readonly Option<SoftmaxKind?> Softmax = new("--softmax") { Description = $"auto | full | adaptive: adaptive softmax (Grave et al. 2017) is exact and much faster on large vocabularies; auto = adaptive from {LstmOptions.AdaptiveFrom:N0} words" };
    private static readonly Option<int[]> Cutoffs = new("--cutoffs") { Description = "Adaptive softmax cluster boundaries as word ids, e.g. --cutoffs 2000 10000 (default: by vocabulary size)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
    private static readonly Option<int?> TailDivisor = new("--tail-divisor") { Description = $"Adaptive softmax: tail cluster i projects to hidden / divisor^(i+1) (default {D.TailDivisor})" };
    private static readonly Option<bool?> Stream = new("--stream") { Description = "Carry the state across documents (the Penn Treebank convention; the presets use it). Default: each document starts fresh, as eval and suggest read it" };
    private static readonly Option<LossReduction?> Loss = new("--loss") { Description = $"Mean | SumOverTime: the paper's loss sums over the unrolled steps (default {D.Loss})" };

    public static Command Create()
    {
        var command = new Command("lstm", "Train an LSTM language model (truncated BPTT over parallel streams, Zaremba et al. 2014)")
        {
            TrainCommand.Out, Preset, ConfigFile.Path, Embedding, Hidden, Layers, Dropout, WeightDrop, EmbeddingDropout, Variational, Tie, InitRange, Softmax, Cutoffs, TailDivisor, Stream, Loss,
            Optimizer, Lr, WeightDecay, Epochs, DecayAfter, LrDecay, Plateau, Patience, Clip, Bptt, BatchSize, EvalEvery, MaxMinutes, Cooldown, CheckpointEvery,
            Device, Threads, Resume, InitEmbeddings,
        };
        TokenizerFlags.AddTo(command);
        TrainingData.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var options = Read(parse);
            string? vectorsPath = parse.GetValue(InitEmbeddings);
            var vectors = vectorsPath is null ? null : Word2VecModel.Load(vectorsPath).Vectors;
            if (vectors is not null) options = FitEmbeddings(parse, options, vectors.Dimensions);
            options.Validate();
            string output = parse.GetValue(TrainCommand.Out)!;
            var data = TrainingData.Read(parse);
            var request = new LstmTrainingRequest
            {
                Output = output, Options = options, Tokenization = TokenizerFlags.Read(parse),
                MinCount = TokenizerFlags.ReadMinCount(parse), MaxVocabulary = TokenizerFlags.ReadMaxVocabulary(parse),
                Train = data.Train, Valid = data.Valid, Test = data.Test, Source = data.Source,
                InitialVectors = vectors, InitialVectorsPath = vectorsPath, Resume = parse.GetValue(Resume),
            };
            await Console.Error.WriteLineAsync($"train lstm: {ModelDirectory.ToJsonObject(options).ToJsonString()}").ConfigureAwait(false);
            LstmTrainingOutcome outcome;
            try
            {
                outcome = await ProgressDisplay.RunAsync("train lstm", "chunks", progress => Task.Run(() =>
                    new LstmTrainingRun().Run(request, new TrainingProgressReading(progress), new Notes(), cancellationToken), cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"hnreply: interrupted; the last checkpoint is in {LstmTrainingRun.WorkFolder(output)}; continue with: {ResumeCommand(parse, Resume)}").ConfigureAwait(false);
                return 1;
            }

            var metrics = outcome.Metrics;
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(metrics);
            else Console.Out.WriteLine($"wrote {output}: {outcome.Training.Steps:N0} steps in {outcome.Training.Seconds:F0} s ({outcome.Training.StopReason}); " +
                                       string.Join(", ", metrics.Where(m => m.Key.Contains("_ppl", StringComparison.Ordinal) && m.Value is not null).Select(m => $"{m.Key.Replace('_', ' ')} {m.Value}")) +
                                       (outcome.Options.Stream ? " (stream convention: state carried across documents)" : ""));
            return 0;
        });
        return command;
    }

    // The command line that continues an interrupted run: the same one with --resume.
    internal static string ResumeCommand(ParseResult parse, Option<bool> resume)
    {
        var words = parse.Tokens.Select(t => t.Value).Select(v => v.Length > 0 && v.All(c => char.IsLetterOrDigit(c) || "-_./=:,".Contains(c)) ? v : $"'{v.Replace("'", "'\\''", StringComparison.Ordinal)}'").ToList();
        if (!parse.GetValue(resume)) words.Add("--resume");
        return "hnreply " + string.Join(' ', words);
    }

    // The embedding takes the vectors' size unless --embedding says otherwise; nothing else changes silently.
    private static LstmOptions FitEmbeddings(ParseResult parse, LstmOptions options, int dimensions)
    {
        if (parse.GetResult(Embedding) is { Implicit: false } && options.EmbeddingSize != dimensions)
            throw new ArgumentException($"--embedding {options.EmbeddingSize} differs from the {dimensions}-dimensional vectors of --init-embeddings");
        if (options.TieWeights && options.HiddenSize != dimensions)
            throw new ArgumentException($"--init-embeddings has {dimensions}-dimensional vectors but --hidden is {options.HiddenSize}, and tied weights need them equal: pass --hidden {dimensions}, or --tie-weights false");
        return options with { EmbeddingSize = dimensions };
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
            WeightDrop = config.Get(parse, WeightDrop, p.WeightDrop),
            EmbeddingDropout = config.Get(parse, EmbeddingDropout, p.EmbeddingDropout),
            VariationalDropout = config.Get(parse, Variational, p.VariationalDropout),
            TieWeights = config.Get(parse, Tie, p.TieWeights),
            Softmax = config.Get(parse, Softmax, p.Softmax),
            Cutoffs = config.Get(parse, Cutoffs),
            TailDivisor = config.Get(parse, TailDivisor, p.TailDivisor),
            Stream = config.Get(parse, Stream, p.Stream),
            Loss = config.Get(parse, Loss, p.Loss),
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
            Cooldown = config.Get(parse, Cooldown, p.Cooldown),
            CheckpointEverySteps = config.Get(parse, CheckpointEvery, p.CheckpointEverySteps),
            Device = TorchRuntime.ParseDevice(config.Get(parse, Device)),
            Threads = config.Get(parse, Threads),
            Seed = parse.GetValue(GlobalOptions.Seed),
        };
    }

    private sealed class Notes : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine($"train lstm: {value}");
    }
}
