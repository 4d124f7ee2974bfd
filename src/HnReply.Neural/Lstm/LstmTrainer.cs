using System.Diagnostics;
using System.Text.Json;
using HnReply.Evaluation;
using HnReply.Neural.Runtime;
using HnReply.Neural.Training;
using HnReply.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Trains an <see cref="LstmNetwork"/> in a model directory. One visible loop: batch → forward →
/// loss → backward → clip → step → schedule → evaluate → checkpoint. The directory receives
/// <c>checkpoint/</c> (resumable at any time with <c>resume: true</c>), <c>weights.dat</c> (the best
/// weights by validation perplexity), <c>metrics.jsonl</c> and <c>loss.png</c>.
/// </summary>
public sealed class LstmTrainer(LstmOptions options, int vocabularySize, TimeProvider? time = null)
{
    public const string WeightsFile = "weights.dat";
    public const string MetricsFile = "metrics.jsonl";
    public const string CurveFile = "loss.png";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="train">Training documents as token ids (no &lt;s&gt; or &lt;/s&gt;).</param>
    /// <param name="valid">Validation documents; without them the last weights count as best.</param>
    /// <param name="budget">When to stop: the deadline of the whole command and the tokens it still scores after training.</param>
    /// <param name="initialEmbeddings">Rows to copy into the embedding (null rows keep their random start).</param>
    public LstmTrainingResult Train(string directory, IReadOnlyList<int[]> train, IReadOnlyList<int[]>? valid, bool resume,
                                    TrainingBudget? budget = null, float[]?[]? initialEmbeddings = null,
                                    IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var device = TorchRuntime.Use(options.Device, options.Threads);
        Directory.CreateDirectory(directory);
        if (!resume && Checkpoint.Exists(directory))
            throw new InvalidOperationException($"{directory} holds an unfinished run: pass --resume to continue it, or choose another --out");

        torch.manual_seed(options.Seed);
        using var net = new LstmNetwork(vocabularySize, options.ResolveFor(vocabularySize));
        net.to(device);
        if (initialEmbeddings is not null) CopyEmbeddings(net, initialEmbeddings);
        var parameters = net.parameters().DistinctBy(p => p.Handle).ToList(); // tied weights appear once
        using var optimizer = options.Optimizer == OptimizerKind.Sgd
            ? (OptimizerHelper)optim.SGD(parameters, options.LearningRate)
            : optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        var schedule = new LearningRateSchedule(options.LearningRate, options.DecayAfterEpoch, options.DecayFactor, options.ReduceOnPlateau);

        var state = new TrainingState();
        var hidden = net.InitialState(options.BatchSize, device);
        if (resume && Checkpoint.Exists(directory))
        {
            hidden.H.Dispose();
            hidden.C.Dispose();
            (state, hidden) = Checkpoint.Load(directory, net, optimizer, device);
            schedule.PlateauScale = state.PlateauScale;
        }
        var metrics = ReadMetrics(directory, state.Step);
        if (state.Finished) return Result(state, metrics, "already finished");

        var clock = Stopwatch.StartNew();
        double secondsBefore = state.Seconds;
        var lastCheckpoint = TimeSpan.Zero;
        long stepTokens = 0;
        var stepClock = Stopwatch.StartNew();
        string stopReason = "all epochs done";
        var scoring = new ScoringRate(valid?.Sum(d => d.Length + 1L) ?? 0);

        for (int epoch = state.Epoch; epoch <= options.Epochs; epoch++)
        {
            net.train();
            double lr = schedule.Apply(optimizer, epoch);
            using var batches = new TokenBatches(Stream(EpochOrder(train, epoch)), options.BatchSize, options.Bptt, device);
            for (int chunk = state.NextChunk; chunk < batches.Count; chunk++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double loss;
                long targets;
                using (var scope = NewDisposeScope())
                {
                    var (input, target) = batches.Chunk(chunk);
                    var (output, next) = net.Run(input, hidden, resetAtDocuments: !options.Stream);
                    var nll = net.NegativeLogLikelihood(output.view(-1, net.HiddenSize), target.reshape(-1));
                    var objective = options.Loss == LossReduction.Mean ? nll.mean() : nll.sum().DividedBy(options.BatchSize);
                    optimizer.zero_grad();
                    objective.backward();
                    nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
                    optimizer.step();
                    hidden.H.Dispose();
                    hidden.C.Dispose();
                    hidden = (next.H.detach().MoveToOuterDisposeScope(), next.C.detach().MoveToOuterDisposeScope());
                    loss = nll.mean().item<float>();
                    targets = target.numel();
                }
                state = state with
                {
                    NextChunk = chunk + 1, Step = state.Step + 1,
                    EpochLoss = state.EpochLoss + loss * targets, EpochTargets = state.EpochTargets + targets,
                    Seconds = secondsBefore + clock.Elapsed.TotalSeconds,
                };
                stepTokens += targets;
                double tokensPerSecond = stepTokens / stepClock.Elapsed.TotalSeconds;
                double? fractionUsed = budget?.FractionUsed(clock.Elapsed, _time.GetUtcNow(), tokensPerSecond, scoring);
                if (fractionUsed is { } used && options.Cooldown > 0)
                {
                    schedule.BudgetScale = LearningRateSchedule.Cooldown(used, options.Cooldown);
                    lr = schedule.Apply(optimizer, epoch);
                }

                // Out of time when what is left to score after this step (one validation, then the
                // command's own scoring) would run past the deadline at the rate scoring has shown.
                bool outOfTime = budget?.Deadline is { } deadline
                                 && _time.GetUtcNow() + scoring.Time(budget.ScoredAfterTraining, tokensPerSecond) >= deadline;
                progress?.Report(new TrainingProgress(epoch, options.Epochs, chunk + 1, batches.Count, state.Step,
                    tokensPerSecond, loss, lr, metrics.LastOrDefault()?.ValidPerplexity, fractionUsed));
                if (options.EvalEverySteps > 0 && state.Step % options.EvalEverySteps == 0 && chunk < batches.Count - 1 && !outOfTime)
                {
                    state = Evaluate(net, valid, device, directory, state, epoch, lr, tokensPerSecond, schedule, metrics, scoring);
                    lr = schedule.Apply(optimizer, epoch);
                    net.train();
                }
                if (clock.Elapsed - lastCheckpoint >= TimeSpan.FromSeconds(options.CheckpointSeconds)
                    || (options.CheckpointEverySteps > 0 && state.Step % options.CheckpointEverySteps == 0) || outOfTime)
                {
                    Checkpoint.Save(directory, net, optimizer, hidden, state with { PlateauScale = schedule.PlateauScale });
                    lastCheckpoint = clock.Elapsed;
                }
                if (outOfTime)
                {
                    state = Evaluate(net, valid, device, directory, state, epoch, lr, tokensPerSecond, schedule, metrics, scoring);
                    stopReason = $"time limit of {options.MaxMinutes} minutes";
                    return Finish(directory, net, optimizer, hidden, state, metrics, stopReason);
                }
            }

            state = Evaluate(net, valid, device, directory, state, epoch, lr, stepTokens / stepClock.Elapsed.TotalSeconds, schedule, metrics, scoring);
            hidden.H.Dispose();
            hidden.C.Dispose();
            hidden = net.InitialState(options.BatchSize, device);
            state = state with { Epoch = epoch + 1, NextChunk = 0, EpochLoss = 0, EpochTargets = 0 };
            Checkpoint.Save(directory, net, optimizer, hidden, state with { PlateauScale = schedule.PlateauScale });
            lastCheckpoint = clock.Elapsed;
            if (options.Patience > 0 && state.EvaluationsWithoutImprovement >= options.Patience)
            {
                stopReason = $"no improvement in {options.Patience} evaluations";
                break;
            }
        }
        return Finish(directory, net, optimizer, hidden, state, metrics, stopReason);
    }

    /// <summary>
    /// Validation perplexity under the weights in <paramref name="net"/>: each document from the
    /// begin-of-document state with one &lt;/s&gt; (DESIGN.md's convention, what eval measures) — or,
    /// for a <see cref="LstmOptions.Stream"/> run, the corpus as one stream with the state carried
    /// across documents (the Penn Treebank convention).
    /// </summary>
    internal static double Perplexity(LstmNetwork net, IReadOnlyList<int[]> documents, Device device, bool stream) =>
        stream ? StreamPerplexity(net, documents, device) : LstmScorer.Perplexity(net, device, documents);

    private static double StreamPerplexity(LstmNetwork net, IReadOnlyList<int[]> documents, Device device)
    {
        net.eval();
        long[] stream = Stream(documents);
        double total = 0;
        long count = 0;
        using var _ = net.Frozen();
        int batch = (int)Math.Clamp(stream.Length / 64, 1, 10);
        using (var batches = new TokenBatches(stream, batch, 64, device))
        {
            var hidden = net.InitialState(batch, device);
            for (int chunk = 0; chunk < batches.Count; chunk++)
            {
                using var scope = NewDisposeScope();
                var (input, target) = batches.Chunk(chunk);
                var (output, next) = net.Run(input, hidden, resetAtDocuments: false);
                total += net.NegativeLogLikelihood(output.view(-1, net.HiddenSize), target.reshape(-1)).sum().item<float>();
                count += target.numel();
                hidden.H.Dispose();
                hidden.C.Dispose();
                hidden = (next.H.MoveToOuterDisposeScope(), next.C.MoveToOuterDisposeScope());
            }
            hidden.H.Dispose();
            hidden.C.Dispose();
            // The first token of each later column and the tokens past the last full row were never
            // targets above: score each from its predecessor alone, so every token counts once.
            var cold = Enumerable.Range(1, batch - 1).Select(b => b * batches.Rows)
                .Concat(Enumerable.Range(batches.Rows * batch, batches.Tail)).ToArray();
            if (cold.Length > 0)
            {
                using var scope = NewDisposeScope();
                var input = tensor(cold.Select(i => stream[i - 1]).ToArray(), [1, cold.Length], ScalarType.Int64).to(device);
                var target = tensor(cold.Select(i => stream[i]).ToArray(), [cold.Length], ScalarType.Int64).to(device);
                var (output, _) = net.Run(input, net.InitialState(cold.Length, device), resetAtDocuments: false);
                total += net.NegativeLogLikelihood(output.view(-1, net.HiddenSize), target).sum().item<float>();
                count += cold.Length;
            }
        }
        return Math.Exp(total / count);
    }

    /// <summary>
    /// The documents in the order epoch <paramref name="epoch"/> reads them. A <see cref="LstmOptions.Stream"/> run keeps
    /// the corpus order (the state carries from one document to the next, so the order is context); otherwise every epoch
    /// reads a fresh permutation, drawn from the seed and the epoch so that a resumed run reads the same one.
    /// </summary>
    internal IReadOnlyList<int[]> EpochOrder(IReadOnlyList<int[]> documents, int epoch)
    {
        if (options.Stream) return documents;
        var order = documents.ToArray();
        new Random(unchecked(options.Seed * 1_000_003 + epoch)).Shuffle(order);
        return order;
    }

    /// <summary>Documents as one stream: &lt;/s&gt; d₁ &lt;/s&gt; d₂ &lt;/s&gt; …, so every token and one &lt;/s&gt; per document is a target.</summary>
    internal static long[] Stream(IReadOnlyList<int[]> documents)
    {
        var stream = new long[1 + documents.Sum(d => d.Length + 1)];
        int at = 0;
        stream[at++] = Vocabulary.Eos;
        foreach (int[] doc in documents)
        {
            foreach (int id in doc) stream[at++] = id;
            stream[at++] = Vocabulary.Eos;
        }
        return stream;
    }

    private TrainingState Evaluate(LstmNetwork net, IReadOnlyList<int[]>? valid, Device device, string directory, TrainingState state,
                                   int epoch, double lr, double tokensPerSecond, LearningRateSchedule schedule, List<TrainingMetrics> metrics, ScoringRate scoring)
    {
        var started = Stopwatch.StartNew();
        double? validPerplexity = valid is { Count: > 0 } ? Perplexity(net, valid, device, options.Stream) : null;
        scoring.Observe(started.Elapsed);
        double trainLoss = state.EpochTargets > 0 ? state.EpochLoss / state.EpochTargets : double.NaN;
        bool improved = validPerplexity is null || validPerplexity < state.BestValidPerplexity;
        var point = new TrainingMetrics(epoch, state.Step, Math.Round(tokensPerSecond, 1), trainLoss, Math.Exp(trainLoss), validPerplexity, lr, Math.Round(state.Seconds, 2));
        metrics.Add(point);
        File.AppendAllLines(Path.Combine(directory, MetricsFile), [JsonSerializer.Serialize(point)]);
        LossCurveChart.Write(Path.Combine(directory, CurveFile), metrics.Select(m => (m.Step, m.TrainPerplexity, m.ValidPerplexity)).ToList(), "LSTM language model");
        if (improved) SaveWeights(net, directory);
        schedule.Observe(improved);
        return state with
        {
            BestValidPerplexity = improved ? validPerplexity ?? state.BestValidPerplexity : state.BestValidPerplexity,
            EvaluationsWithoutImprovement = improved ? 0 : state.EvaluationsWithoutImprovement + 1,
            PlateauScale = schedule.PlateauScale,
        };
    }

    private static LstmTrainingResult Finish(string directory, LstmNetwork net, OptimizerHelper optimizer, (Tensor H, Tensor C) hidden,
                                      TrainingState state, List<TrainingMetrics> metrics, string reason)
    {
        state = state with { Finished = true };
        Checkpoint.Save(directory, net, optimizer, hidden, state);
        hidden.H.Dispose();
        hidden.C.Dispose();
        return Result(state, metrics, reason);
    }

    private static LstmTrainingResult Result(TrainingState state, List<TrainingMetrics> metrics, string reason) =>
        new(state.BestValidPerplexity, Math.Min(state.Epoch, metrics.Count == 0 ? 0 : metrics[^1].Epoch), state.Step, state.Seconds,
            metrics.Count == 0 ? 0 : metrics.Average(m => m.TokensPerSecond), reason, metrics);

    /// <summary>Writes the best weights so far (temp file, then rename): shared with the reply trainer.</summary>
    internal static void SaveWeights(nn.Module net, string directory)
    {
        string path = Path.Combine(directory, WeightsFile);
        string temp = path + ".tmp";
        net.save(temp);
        File.Move(temp, path, overwrite: true);
    }

    // metrics.jsonl lines past the checkpoint's step came from a run that was killed: a resumed
    // run writes them again, so drop them to keep one line per evaluation point.
    internal static List<TrainingMetrics> ReadMetrics(string directory, long upToStep)
    {
        string path = Path.Combine(directory, MetricsFile);
        if (!File.Exists(path)) return [];
        var kept = File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<TrainingMetrics>(l)!).Where(m => m.Step <= upToStep).ToList();
        File.WriteAllLines(path, kept.Select(m => JsonSerializer.Serialize(m)));
        return kept;
    }

    private void CopyEmbeddings(LstmNetwork net, float[]?[] rows)
    {
        using var _ = no_grad();
        var weight = net.Encoder.weight!;
        for (int id = 0; id < Math.Min(rows.Length, vocabularySize); id++)
        {
            if (rows[id] is not { } row) continue;
            if (row.Length != options.EmbeddingSize)
                throw new ArgumentException($"initial embeddings have {row.Length} dimensions but --embedding is {options.EmbeddingSize}");
            using var source = tensor(row);
            weight[id].copy_(source);
        }
    }
}
