using HnReply.Neural.Lstm;
using HnReply.Neural.Training;
using TorchSharp;

namespace HnReply.Neural.Tests.Lstm;

public sealed class LstmTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-lstm-").FullName;

    // Tiny, single-threaded (bit-for-bit reproducible on CPU), checkpoints every 2 steps.
    private static readonly LstmOptions Tiny = new()
    {
        EmbeddingSize = 16, HiddenSize = 16, Layers = 2, Dropout = 0.2, TieWeights = true, Epochs = 2, Bptt = 5, BatchSize = 4,
        LearningRate = 0.01, Patience = 0, ReduceOnPlateau = false, CheckpointEverySteps = 2, Threads = 1, Seed = 3,
    };

    // A little language over 16 ids: counting sequences, so an LSTM can learn it exactly.
    private static List<int[]> Corpus(int documents, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, documents).Select(_ =>
        {
            int start = 4 + random.Next(4);
            return Enumerable.Range(0, 6).Select(i => start + i).ToArray();
        }).ToList();
    }

    [Fact]
    public void Train_OneSmallBatchRepeatedly_LossFalls()
    {
        // Four documents make one chunk: every epoch is the same single batch, which the net must memorise.
        var options = Tiny with { Dropout = 0, Epochs = 150, LearningRate = 0.03, CheckpointEverySteps = 0, CheckpointSeconds = 3600 };
        var losses = new List<double>();

        new LstmTrainer(options, 16).Train(Path.Combine(_folder, "overfit"), Corpus(4, 1), null, resume: false,
            progress: new SyncProgress<TrainingProgress>(p => losses.Add(p.Loss)));

        Assert.True(losses[^1] < losses[0] * 0.2, $"loss {losses[0]:F3} → {losses[^1]:F3}");
    }

    [Fact]
    public void Train_AdaptiveSoftmaxOnOneSmallBatch_LossFalls()
    {
        var options = Tiny with { Dropout = 0, Epochs = 150, LearningRate = 0.03, CheckpointEverySteps = 0, CheckpointSeconds = 3600, Softmax = SoftmaxKind.Adaptive, Cutoffs = [7, 10] };
        var losses = new List<double>();

        new LstmTrainer(options, 16).Train(Path.Combine(_folder, "adaptive"), Corpus(4, 1), null, resume: false,
            progress: new SyncProgress<TrainingProgress>(p => losses.Add(p.Loss)));

        Assert.True(losses[^1] < losses[0] * 0.2, $"loss {losses[0]:F3} → {losses[^1]:F3}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_InterruptedThenResumed_EndsWithTheSameWeightsAsAnUninterruptedRun(bool unrolled)
    {
        var train = Corpus(30, 2);
        var valid = Corpus(5, 3);
        var options = unrolled ? Tiny with { WeightDrop = 0.3, EmbeddingDropout = 0.1, VariationalDropout = true } : Tiny;
        string whole = Path.Combine(_folder, "whole"), split = Path.Combine(_folder, "split");

        new LstmTrainer(options, 16).Train(whole, train, valid, resume: false);
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => new LstmTrainer(options, 16).Train(split, train, valid, resume: false,
            progress: new SyncProgress<TrainingProgress>(p => { if (p.Step == 13) cancel.Cancel(); }), cancellationToken: cancel.Token));
        var resumed = new LstmTrainer(options, 16).Train(split, train, valid, resume: true);

        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, LstmTrainer.WeightsFile)), File.ReadAllBytes(Path.Combine(split, LstmTrainer.WeightsFile)));
        Assert.Equal(File.ReadAllLines(Path.Combine(whole, LstmTrainer.MetricsFile)).Length, File.ReadAllLines(Path.Combine(split, LstmTrainer.MetricsFile)).Length);
        Assert.True(resumed.Steps > 13);
    }

    [Fact]
    public void Train_WithoutResume_RefusesToOverwriteAnUnfinishedRun()
    {
        string dir = Path.Combine(_folder, "busy");
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => new LstmTrainer(Tiny, 16).Train(dir, Corpus(30, 2), null, resume: false,
            progress: new SyncProgress<TrainingProgress>(p => { if (p.Step == 3) cancel.Cancel(); }), cancellationToken: cancel.Token));

        var e = Assert.Throws<InvalidOperationException>(() => new LstmTrainer(Tiny, 16).Train(dir, Corpus(30, 2), null, resume: false));

        Assert.Contains("--resume", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_LiveTensorCount_StaysFlatAcrossSteps(bool unrolled)
    {
        var counts = new List<long>();
        var options = Tiny with { Epochs = 1, CheckpointEverySteps = 0, CheckpointSeconds = 3600 };
        if (unrolled) options = options with { WeightDrop = 0.3, EmbeddingDropout = 0.1, VariationalDropout = true };

        new LstmTrainer(options, 16).Train(Path.Combine(_folder, "leak"), Corpus(60, 4), null, resume: false,
            progress: new SyncProgress<TrainingProgress>(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)));

        Assert.True(counts.Count > 10);
        Assert.Equal(counts[2], counts[^1]);
    }

    [Fact]
    public void Train_WritesMetricsAndCurve_OneLinePerEvaluation()
    {
        string dir = Path.Combine(_folder, "metrics");

        var result = new LstmTrainer(Tiny, 16).Train(dir, Corpus(30, 2), Corpus(5, 3), resume: false);

        var lines = File.ReadAllLines(Path.Combine(dir, LstmTrainer.MetricsFile));
        Assert.Equal(Tiny.Epochs, lines.Length);
        Assert.Contains("\"valid_ppl\":", lines[0]);
        Assert.True(File.Exists(Path.Combine(dir, LstmTrainer.CurveFile)));
        Assert.True(result.BestValidPerplexity < 16, $"valid ppl {result.BestValidPerplexity}");
    }

    [Fact]
    public void Stream_Documents_StartWithEndMarkerAndEndEachDocument()
    {
        Assert.Equal([2L, 5, 6, 2, 7, 2], LstmTrainer.Stream([[5, 6], [7]]));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.8, 1.0)]
    [InlineData(0.9, 0.5)]
    [InlineData(0.95, 0.25)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.2, 0.0)]
    public void Cooldown_LastFifthOfTheTime_FallsLinearlyToZero(double fractionUsed, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Cooldown(fractionUsed, 0.2), 1e-12);
    }

    [Fact]
    public void Cooldown_Off_KeepsTheRate()
    {
        Assert.Equal(1, LearningRateSchedule.Cooldown(0.99, 0));
    }

    [Fact]
    public void Train_UnderATimeLimit_TheRateFallsToAFractionByTheEnd()
    {
        var options = Tiny with { Epochs = 100_000, CheckpointEverySteps = 0, CheckpointSeconds = 3600, Cooldown = 0.5 };
        var rates = new List<double>();
        var budget = new TrainingBudget(DateTimeOffset.UtcNow.AddSeconds(8), 0); // 5 s of it are the scoring margin

        var result = new LstmTrainer(options, 16).Train(Path.Combine(_folder, "cooldown"), Corpus(30, 2), null, resume: false, budget,
            progress: new SyncProgress<TrainingProgress>(p => rates.Add(p.LearningRate)));

        Assert.StartsWith("time limit", result.StopReason);
        Assert.Equal(options.LearningRate, rates[0]);
        Assert.True(rates[^1] < options.LearningRate * 0.2, $"last rate {rates[^1]}");
        Assert.True(rates.Zip(rates.Skip(1)).All(p => p.Second <= p.First), "the rate never rises");
    }

    [Fact]
    public void EpochOrder_PerDocument_IsAFreshPermutationEachEpochAndTheSameInEveryRun()
    {
        var documents = Enumerable.Range(0, 50).Select(i => new[] { i }).ToList();
        var trainer = new LstmTrainer(Tiny, 64);

        var first = trainer.EpochOrder(documents, 1);

        Assert.Equal(documents, first.OrderBy(d => d[0]));
        Assert.NotEqual(documents, first);
        Assert.NotEqual(first, trainer.EpochOrder(documents, 2));
        Assert.Equal(first, new LstmTrainer(Tiny, 64).EpochOrder(documents, 1));
    }

    [Fact]
    public void EpochOrder_Stream_KeepsTheCorpusOrder()
    {
        var documents = Enumerable.Range(0, 50).Select(i => new[] { i }).ToList();

        Assert.Equal(documents, new LstmTrainer(Tiny with { Stream = true }, 64).EpochOrder(documents, 3));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
