using HnReply.Neural.Lstm;
using HnReply.Neural.Reply;
using HnReply.Neural.Runtime;
using HnReply.Neural.Tests.Lstm;
using HnReply.Neural.Training;
using HnReply.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Tests.Reply;

public sealed class ReplyTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-reply-").FullName;

    private static readonly ReplyOptions Small = CopyModelFixture.Tiny with { Epochs = 2, BatchSize = 4, Dropout = 0.2, CheckpointEverySteps = 2 };

    // Contexts a0..a7 as ids 4..11, replies b0..b7 as ids 12..19.
    private static List<ReplyExample> Examples(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            int[] words = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(8)).ToArray();
            return new ReplyExample(words.Select(w => 4 + w).ToArray(), words.Select(w => 12 + w).ToArray());
        }).ToList();
    }

    [Fact]
    public void Train_InterruptedThenResumed_EndsWithTheSameWeightsAsAnUninterruptedRun()
    {
        var train = Examples(40, 1);
        var valid = Examples(6, 2);
        string whole = Path.Combine(_folder, "whole"), split = Path.Combine(_folder, "split");

        new ReplyTrainer(Small, 20).Train(whole, train, valid, resume: false);
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => new ReplyTrainer(Small, 20).Train(split, train, valid, resume: false,
            progress: new SyncProgress<TrainingProgress>(p => { if (p.Step == 13) cancel.Cancel(); }), cancellationToken: cancel.Token));
        var resumed = new ReplyTrainer(Small, 20).Train(split, train, valid, resume: true);

        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, LstmTrainer.WeightsFile)), File.ReadAllBytes(Path.Combine(split, LstmTrainer.WeightsFile)));
        Assert.Equal(ValidPerplexities(whole), ValidPerplexities(split));
        Assert.True(resumed.Steps > 13);
    }

    [Fact]
    public void Train_LabelSmoothing_StillLearnsAndStaysFinite()
    {
        var losses = new List<double>();
        var options = Small with { Epochs = 15, LabelSmoothing = 0.1, Dropout = 0, CheckpointEverySteps = 0 };

        var result = new ReplyTrainer(options, 20).Train(Path.Combine(_folder, "smooth"), Examples(40, 1), Examples(6, 2), resume: false,
            progress: new SyncProgress<TrainingProgress>(p => losses.Add(p.Loss)));

        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        Assert.True(losses.Skip(losses.Count - 10).Average() < losses.Take(10).Average() * 0.6, $"loss {losses[0]:F3} → {losses[^1]:F3}");
        Assert.True(double.IsFinite(result.BestValidPerplexity));
    }

    [Fact]
    public void Train_LiveTensorCount_StaysFlatAcrossSteps()
    {
        var counts = new List<long>();
        var options = Small with { Epochs = 1, CheckpointEverySteps = 0 };

        new ReplyTrainer(options, 20).Train(Path.Combine(_folder, "leak"), Examples(80, 4), null, resume: false,
            progress: new SyncProgress<TrainingProgress>(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)));

        Assert.True(counts.Count > 10);
        Assert.Equal(counts[2], counts[^1]);
    }

    [Theory]
    [InlineData(SoftmaxKind.Full)]
    [InlineData(SoftmaxKind.Adaptive)]
    public void CopyLanguageModel_BeforeTraining_ScoresRepliesAsTheLanguageModelMixedWithAUniformCopyOfTheParent(SoftmaxKind softmax)
    {
        using var transfer = LanguageModelAndReplyNetwork(seed: 8, softmax);
        var (lm, net) = (transfer.Lm, transfer.Net);
        int[][] replies = [[5, 6, 7], [9], [4, 4, 10, 11, 12], [13, 0]];
        // The last two contexts hold a separator and an <unk>: attention on them is not copied.
        int[][] contexts = [[8, 9], [5, 6, 7, 8, 9, 10], [13, Vocabulary.Eos, 4, 4, 11], [Vocabulary.Unk, 13, 13]];
        double share = ReplyNetwork.InitialCopyShare;

        var conditional = ReplyScoring.Score(net, CPU, contexts, replies);

        for (int i = 0; i < replies.Length; i++)
        {
            double length = contexts[i].Length, words = contexts[i].Count(id => id >= 4);
            double expected = 0;
            var state = lm.Begin();
            foreach (int token in replies[i].Append(Vocabulary.Eos))
            {
                double copied = token >= 4 ? contexts[i].Count(id => id == token) / length : 0;
                expected += Math.Log((1 - share * words / length) * Math.Exp(lm.LogProbability(state, token)) + share * copied);
                state = lm.Advance(state, token);
            }
            Assert.Equal(expected, conditional[i].LogProbability, 4);
            Assert.Equal(replies[i].Length + 1, conditional[i].Tokens);
        }
    }

    [Theory]
    [InlineData(SoftmaxKind.Full)]
    [InlineData(SoftmaxKind.Adaptive)]
    public void ScoreWithoutContexts_AfterTheAddedPartsLearn_IsStillExactlyTheLanguageModel(SoftmaxKind softmax)
    {
        using var transfer = LanguageModelAndReplyNetwork(seed: 9, softmax);
        var (lm, net) = (transfer.Lm, transfer.Net);
        // What training with --freeze-lm changes: every parameter it leaves trainable.
        net.FreezeLanguageModelParts();
        using (no_grad())
            foreach (var parameter in net.parameters().Where(p => p.requires_grad))
                parameter.copy_(parameter.Plus(randn_like(parameter).Times(0.1)));
        int[][] replies = [[5, 6, 7], [9], [4, 4, 10, 11, 12]];
        int[][] contexts = [[5, 9], [9, 6, 7, 8, 9, 10], [13]];

        var alone = ReplyScoring.Score(net, CPU, null, replies);
        var conditional = ReplyScoring.Score(net, CPU, contexts, replies);

        for (int i = 0; i < replies.Length; i++)
        {
            double expected = LanguageModelLog(lm, replies[i]);
            Assert.Equal(expected, alone[i].LogProbability, 4);
            Assert.Equal(replies[i].Length + 1, alone[i].Tokens);
            Assert.NotEqual(expected, conditional[i].LogProbability, 2); // the changed parts do change the conditional scores
        }
    }

    [Fact]
    public void DecodingSteps_AntiLanguageModel_SubtractsTheDecoderAlonesLogFromTheFirstTokensOnly()
    {
        using var net = ScrambledNetwork(seed: 4);
        using var frozen = net.Frozen();
        int[] context = [4, 5, 6, 7];
        using var plain = new DecodingSteps(net, CPU, context);
        using var anti = new DecodingSteps(net, CPU, context, antiLanguageModel: 0.5, antiTokens: 1);
        using var scope = NewDisposeScope();
        var (lm, _) = net.LanguageModelStep(tensor(new long[] { Vocabulary.Eos }, [1, 1]), (zeros(1, 1, 12), zeros(1, 1, 12)));
        float[] lmLog = lm.data<float>().ToArray();

        float[] first = plain.Step([0], [Vocabulary.Eos])[0], firstAnti = anti.Step([0], [Vocabulary.Eos])[0];
        float[] second = plain.Step([0], [9])[0], secondAnti = anti.Step([0], [9])[0];

        for (int token = 0; token < 20; token++)
        {
            if (token is Vocabulary.Bos or Vocabulary.Pad)
            {
                Assert.Equal(float.NegativeInfinity, firstAnti[token]);
                continue;
            }
            Assert.Equal(first[token] - 0.5 * lmLog[token], firstAnti[token], 4);
            Assert.Equal(second[token], secondAnti[token], 5);
        }
    }

    [Theory]
    [InlineData(SoftmaxKind.Full)]
    [InlineData(SoftmaxKind.Adaptive)]
    public void TargetLogProbabilities_EqualTheMixtureOverTheVocabularyAtTheTargets(SoftmaxKind softmax)
    {
        using var net = ScrambledNetwork(seed: 3, softmax);
        // Separators and an <unk> in the contexts; a reply ending at a word the context repeats.
        List<int[]> contexts = [[4, 5, Vocabulary.Eos, 6], [7, Vocabulary.Unk, 7], [8]];
        List<int[]> replies = [[5, 6, 9], [7], [10, 8, 8, 11]];
        using var scope = NewDisposeScope();
        var encoded = net.Encode(ContextBatch.Create(contexts, CPU));
        var batch = DecoderBatch.Create(replies, int.MaxValue, CPU);
        var decoded = net.Decode(batch.Input, (encoded.H, encoded.C), encoded);

        var full = decoded.LogProbabilities(net, encoded, batch.Rows, batch.Columns);
        float[] atTargets = full.gather(1, batch.Targets.unsqueeze(1)).squeeze(1).data<float>().ToArray();
        float[] targetsAlone = decoded.TargetLogProbabilities(net, encoded, batch.Rows, batch.Columns, batch.Targets).data<float>().ToArray();
        float[] totals = full.exp().sum(1).data<float>().ToArray();

        Assert.Equal(replies.Sum(r => r.Length + 1), targetsAlone.Length);
        for (int i = 0; i < atTargets.Length; i++) Assert.Equal(atTargets[i], targetsAlone[i], 4);
        Assert.All(totals, total => Assert.Equal(1, total, 4));
    }

    // A reply network over 20 ids (sizes 12, no dropout, eval mode) with every parameter moved off its start, gate and attention included.
    private static ReplyNetwork ScrambledNetwork(int seed, SoftmaxKind softmax = SoftmaxKind.Full)
    {
        manual_seed(seed);
        var options = new ReplyOptions { EmbeddingSize = 12, HiddenSize = 12, Dropout = 0 }.WithOutputLayerOf(SmallLanguageModel(softmax));
        var net = new ReplyNetwork(20, options);
        using (no_grad())
            foreach (var parameter in net.parameters()) parameter.copy_(parameter.Plus(randn_like(parameter).Times(0.05)));
        net.eval();
        return net;
    }

    // One layer of 12 units, tied weights; adaptive: a head of 8 words and tails from 8 and 12.
    private static LstmOptions SmallLanguageModel(SoftmaxKind softmax) => new()
    {
        EmbeddingSize = 12, HiddenSize = 12, Layers = 1, TieWeights = true, Softmax = softmax,
        Cutoffs = softmax == SoftmaxKind.Adaptive ? [8, 12] : [], TailDivisor = 2,
    };

    // A one-layer LM over 16 words and a reply network started from it (sizes 12, the LM's output layer).
    private Transfer LanguageModelAndReplyNetwork(int seed, SoftmaxKind softmax = SoftmaxKind.Full)
    {
        var vocabulary = Vocabulary.FromTokens(Enumerable.Range(0, 16).Select(i => $"w{i}").ToList());
        string lmDirectory = Path.Combine(_folder, "lm");
        LstmModelFiles.Write(lmDirectory, vocabulary, SmallLanguageModel(softmax), seed: 7).Dispose();
        var lm = LstmLanguageModel.Load(lmDirectory);
        manual_seed(seed);
        var net = new ReplyNetwork(vocabulary.Count, new ReplyOptions { EmbeddingSize = 12, HiddenSize = 12, Dropout = 0.3 }.WithOutputLayerOf(lm.Network.Options));
        net.CopyLanguageModel(lm.Network);
        return new Transfer(lm, net);
    }

    private sealed record Transfer(LstmLanguageModel Lm, ReplyNetwork Net) : IDisposable
    {
        public void Dispose()
        {
            Net.Dispose();
            Lm.Dispose();
        }
    }

    // The LM's log-probability of a reply and one </s>, step by step.
    private static double LanguageModelLog(LstmLanguageModel lm, int[] reply)
    {
        double total = 0;
        var state = lm.Begin();
        foreach (int token in reply.Append(Vocabulary.Eos))
        {
            total += lm.LogProbability(state, token);
            state = lm.Advance(state, token);
        }
        return total;
    }

    // One per evaluation point, in order (rates and times differ between runs; what was learnt does not).
    private static double?[] ValidPerplexities(string directory) => File.ReadAllLines(Path.Combine(directory, LstmTrainer.MetricsFile))
        .Select(l => System.Text.Json.JsonSerializer.Deserialize<TrainingMetrics>(l)!.ValidPerplexity).ToArray();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
