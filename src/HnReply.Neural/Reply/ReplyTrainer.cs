using System.Diagnostics;
using System.Text.Json;
using HnReply.Evaluation;
using HnReply.Neural.Lstm;
using HnReply.Neural.Runtime;
using HnReply.Neural.Training;
using HnReply.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// Trains a <see cref="ReplyNetwork"/> in a directory, the LSTM's loop for pairs: batch → encode →
/// decode with teacher forcing → loss on reply tokens only (optionally label-smoothed) → backward →
/// clip → step → schedule → validate (conditional perplexity) → checkpoint. The directory receives
/// <c>checkpoint/</c> (resumable exactly), <c>weights.dat</c> (best by validation), <c>metrics.jsonl</c>
/// and <c>loss.png</c>. Batches hold pairs of similar reply length; their order is shuffled per
/// epoch from the seed and the epoch number, so a resumed run sees the same batches.
/// </summary>
internal sealed class ReplyTrainer(ReplyOptions options, int vocabularySize, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="start">Sets the initial weights (LM, word2vec); a resumed run's checkpoint then replaces them.</param>
    public ReplyTrainingResult Train(string directory, IReadOnlyList<ReplyExample> train, IReadOnlyList<ReplyExample>? valid, bool resume,
                                     TrainingBudget? budget = null, Action<ReplyNetwork>? start = null,
                                     IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var device = TorchRuntime.Use(options.Device, options.Threads);
        Directory.CreateDirectory(directory);
        torch.manual_seed(options.Seed);
        using var net = new ReplyNetwork(vocabularySize, options);
        start?.Invoke(net);
        if (options.FreezeLanguageModel) net.FreezeLanguageModelParts();
        net.to(device);
        var parameters = net.parameters().Where(p => p.requires_grad).DistinctBy(p => p.Handle).ToList();
        using var optimizer = options.Optimizer == OptimizerKind.Sgd
            ? (OptimizerHelper)optim.SGD(parameters, options.LearningRate)
            : optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        var schedule = new LearningRateSchedule(options.LearningRate, int.MaxValue, 1, options.ReduceOnPlateau);
        using var noHidden = zeros(1);
        var state = new TrainingState();
        if (resume && Checkpoint.Exists(directory))
        {
            var (loaded, (h, c)) = Checkpoint.Load(directory, net, optimizer, device);
            h.Dispose();
            c.Dispose();
            state = loaded;
            schedule.PlateauScale = state.PlateauScale;
        }
        var metrics = LstmTrainer.ReadMetrics(directory, state.Step);
        if (state.Finished) return Result(state, metrics, "already finished");

        var batches = Batches(train);
        var clock = Stopwatch.StartNew();
        double secondsBefore = state.Seconds;
        var lastCheckpoint = TimeSpan.Zero;
        long stepTokens = 0;
        var stepClock = Stopwatch.StartNew();
        string stopReason = "all epochs done";
        var scoring = new ScoringRate(valid?.Sum(e => e.Reply.Length + 1L) ?? 0);
        using var smoothing = options.LabelSmoothing > 0 ? tensor(new[] { 1 - (float)options.LabelSmoothing, (float)options.LabelSmoothing }).to(device) : null;
        using var allowed = tensor(Enumerable.Range(0, vocabularySize).Where(i => i != Vocabulary.Bos && i != Vocabulary.Pad).Select(i => (long)i).ToArray()).to(device);

        // The starting point is a candidate too: a model started from the LM is kept as it began unless training
        // beats it. (Not a metrics.jsonl line: there is no training loss yet.)
        if (state.Step == 0 && valid is { Count: > 0 } && !File.Exists(Path.Combine(directory, LstmTrainer.WeightsFile)))
        {
            var started = Stopwatch.StartNew();
            state = state with { BestValidPerplexity = Perplexity(net, device, valid) };
            scoring.Observe(started.Elapsed);
            LstmTrainer.SaveWeights(net, directory);
        }

        for (int epoch = state.Epoch; epoch <= options.Epochs; epoch++)
        {
            net.train();
            double lr = schedule.Apply(optimizer, epoch);
            var order = EpochOrder(batches.Count, epoch);
            for (int step = state.NextChunk; step < order.Length; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double loss;
                long targets;
                using (NewDisposeScope())
                {
                    var batch = batches[order[step]];
                    var encoded = net.Encode(ContextBatch.Create(batch.Select(e => e.Context).ToList(), device));
                    var decoder = DecoderBatch.Create(batch.Select(e => e.Reply).ToList(), options.MaxReplyTokens, device);
                    var decoded = net.Decode(decoder.Input, (encoded.H, encoded.C), encoded);
                    Tensor nll, objective;
                    if (smoothing is null)
                    {
                        nll = decoded.TargetLogProbabilities(net, encoded, decoder.Rows, decoder.Columns, decoder.Targets).neg();
                        objective = nll.mean();
                    }
                    else
                    {
                        // Label smoothing over the tokens that can be predicted (not <s>, <pad>: their −∞ would make it NaN).
                        var log = decoded.LogProbabilities(net, encoded, decoder.Rows, decoder.Columns);
                        nll = log.gather(1, decoder.Targets.unsqueeze(1)).squeeze(1).neg();
                        objective = (smoothing[0] * nll).Plus((smoothing[1] * log.index_select(1, allowed).mean([1])).neg()).mean();
                    }
                    optimizer.zero_grad();
                    objective.backward();
                    nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
                    optimizer.step();
                    loss = nll.mean().item<float>();
                    targets = decoder.TargetCount;
                }
                state = state with
                {
                    NextChunk = step + 1, Step = state.Step + 1,
                    EpochLoss = state.EpochLoss + loss * targets, EpochTargets = state.EpochTargets + targets,
                    Seconds = secondsBefore + clock.Elapsed.TotalSeconds,
                };
                stepTokens += targets;
                double tokensPerSecond = stepTokens / stepClock.Elapsed.TotalSeconds;
                bool outOfTime = budget?.Deadline is { } deadline
                                 && _time.GetUtcNow() + scoring.Time(budget.ScoredAfterTraining, tokensPerSecond) >= deadline;
                progress?.Report(new TrainingProgress(epoch, options.Epochs, step + 1, order.Length, state.Step, tokensPerSecond, loss, lr,
                    metrics.LastOrDefault()?.ValidPerplexity, budget?.FractionUsed(clock.Elapsed, _time.GetUtcNow(), tokensPerSecond, scoring)));
                if (options.EvalEverySteps > 0 && state.Step % options.EvalEverySteps == 0 && step < order.Length - 1 && !outOfTime)
                {
                    state = Evaluate(net, valid, device, directory, state, epoch, lr, tokensPerSecond, schedule, metrics, scoring);
                    lr = schedule.Apply(optimizer, epoch);
                    net.train();
                }
                if (clock.Elapsed - lastCheckpoint >= TimeSpan.FromSeconds(options.CheckpointSeconds)
                    || (options.CheckpointEverySteps > 0 && state.Step % options.CheckpointEverySteps == 0) || outOfTime)
                {
                    Checkpoint.Save(directory, net, optimizer, (noHidden, noHidden), state with { PlateauScale = schedule.PlateauScale });
                    lastCheckpoint = clock.Elapsed;
                }
                if (outOfTime)
                {
                    state = Evaluate(net, valid, device, directory, state, epoch, lr, tokensPerSecond, schedule, metrics, scoring);
                    return Finish(directory, net, optimizer, noHidden, state, metrics, $"time limit of {options.MaxMinutes} minutes");
                }
            }

            state = Evaluate(net, valid, device, directory, state, epoch, lr, stepTokens / stepClock.Elapsed.TotalSeconds, schedule, metrics, scoring);
            state = state with { Epoch = epoch + 1, NextChunk = 0, EpochLoss = 0, EpochTargets = 0 };
            Checkpoint.Save(directory, net, optimizer, (noHidden, noHidden), state with { PlateauScale = schedule.PlateauScale });
            lastCheckpoint = clock.Elapsed;
            if (options.Patience > 0 && state.EvaluationsWithoutImprovement >= options.Patience)
            {
                stopReason = $"no improvement in {options.Patience} evaluations";
                break;
            }
        }
        return Finish(directory, net, optimizer, noHidden, state, metrics, stopReason);
    }

    /// <summary>Conditional perplexity of whole replies (every token and one &lt;/s&gt;) given their contexts.</summary>
    internal static double Perplexity(ReplyNetwork net, Device device, IReadOnlyList<ReplyExample> examples)
    {
        var scores = ReplyScoring.Score(net, device, examples.Select(e => e.Context).ToList(), examples.Select(e => e.Reply).ToList());
        return Math.Exp(-scores.Sum(s => s.LogProbability) / scores.Sum(s => s.Tokens));
    }

    // Pairs sorted by reply length, then cut into batches: little padding, and the same batches on every run.
    private List<ReplyExample[]> Batches(IReadOnlyList<ReplyExample> train)
    {
        if (train.Count == 0) throw new ArgumentException("no training pairs");
        var sorted = train.OrderBy(e => Math.Min(e.Reply.Length, options.MaxReplyTokens)).ThenBy(e => e.Context.Length).ToArray();
        return sorted.Chunk(options.BatchSize).ToList();
    }

    private int[] EpochOrder(int count, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(HashCode.Combine(options.Seed, epoch) & int.MaxValue).Shuffle(order);
        return order;
    }

    private static TrainingState Evaluate(ReplyNetwork net, IReadOnlyList<ReplyExample>? valid, Device device, string directory, TrainingState state,
                                          int epoch, double lr, double tokensPerSecond, LearningRateSchedule schedule, List<TrainingMetrics> metrics, ScoringRate scoring)
    {
        var started = Stopwatch.StartNew();
        double? validPerplexity = valid is { Count: > 0 } ? Perplexity(net, device, valid) : null;
        scoring.Observe(started.Elapsed);
        double trainLoss = state.EpochTargets > 0 ? state.EpochLoss / state.EpochTargets : double.NaN;
        bool improved = validPerplexity is null || validPerplexity < state.BestValidPerplexity;
        var point = new TrainingMetrics(epoch, state.Step, Math.Round(tokensPerSecond, 1), trainLoss, Math.Exp(trainLoss), validPerplexity, lr, Math.Round(state.Seconds, 2));
        metrics.Add(point);
        File.AppendAllLines(Path.Combine(directory, LstmTrainer.MetricsFile), [JsonSerializer.Serialize(point)]);
        LossCurveChart.Write(Path.Combine(directory, LstmTrainer.CurveFile), metrics.Select(m => (m.Step, m.TrainPerplexity, m.ValidPerplexity)).ToList(), "reply model (conditional perplexity)");
        if (improved) LstmTrainer.SaveWeights(net, directory);
        schedule.Observe(improved);
        return state with
        {
            BestValidPerplexity = improved ? validPerplexity ?? state.BestValidPerplexity : state.BestValidPerplexity,
            EvaluationsWithoutImprovement = improved ? 0 : state.EvaluationsWithoutImprovement + 1,
            PlateauScale = schedule.PlateauScale,
        };
    }

    private static ReplyTrainingResult Finish(string directory, ReplyNetwork net, OptimizerHelper optimizer, Tensor noHidden,
                                              TrainingState state, List<TrainingMetrics> metrics, string reason)
    {
        state = state with { Finished = true };
        Checkpoint.Save(directory, net, optimizer, (noHidden, noHidden), state);
        return Result(state, metrics, reason);
    }

    private static ReplyTrainingResult Result(TrainingState state, List<TrainingMetrics> metrics, string reason) =>
        new(state.BestValidPerplexity, state.Step, state.Seconds, metrics.Count == 0 ? 0 : metrics.Average(m => m.TokensPerSecond), reason, metrics);
}
