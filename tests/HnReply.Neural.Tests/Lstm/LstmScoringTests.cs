using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Prediction;
using HnReply.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Tests.Lstm;

public sealed class LstmScoringTests : IDisposable
{
    private static readonly string[] Words = [.. Enumerable.Range(0, 60).Select(i => $"w{i}"), ",", ".", "!"];
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-lstm-scoring-").FullName;

    private static List<int[]> Documents(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, random.Next(0, 25)).Select(_ => random.Next(4, Words.Length + 4)).ToArray()).ToList();
    }

    // A model directory around freshly initialised weights (full or adaptive softmax).
    private string WriteModel(LstmOptions options)
    {
        string dir = Path.Combine(_folder, $"{options.Softmax}-{options.Layers}-{string.Join('-', options.Cutoffs)}");
        LstmModelFiles.Write(dir, Vocabulary.FromTokens(Words), options, seed: 7).Dispose();
        return dir;
    }

    // The last network's shortlist holds 4 words, fewer than the 5 asked for, so no tail may be skipped.
    // (AdaptiveSoftmaxTests checks the skipping itself, where tail words often rank.)
    public static TheoryData<SoftmaxKind, int, bool, int[]> Networks => new()
    {
        { SoftmaxKind.Full, 1, true, [] }, { SoftmaxKind.Full, 2, false, [] }, { SoftmaxKind.Adaptive, 1, true, [20, 40] },
        { SoftmaxKind.Adaptive, 2, false, [20, 40] }, { SoftmaxKind.Adaptive, 1, false, [8, 16] },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void ScoreDocuments_Batched_EqualsStepByStep(SoftmaxKind softmax, int layers, bool tied, int[] cutoffs)
    {
        var options = new LstmOptions
        {
            EmbeddingSize = 12, HiddenSize = 12, Layers = layers, TieWeights = tied, InitRange = 0.5, Softmax = softmax, Cutoffs = cutoffs,
        };
        using var model = LstmLanguageModel.Load(WriteModel(options));
        var documents = Documents(40, 1);
        var seen = new List<(int Document, int Position)>();
        var step = new float[model.Vocabulary.Count];
        var above = new List<int>();

        model.ScoreDocuments(documents, new BatchScoring(5, (d, p) => p % 3 == 0, (d, p) => p % 2 == 0), (in ScoredPosition p) =>
        {
            seen.Add((p.Document, p.Position));
            var state = model.Begin();
            foreach (int id in documents[p.Document].Take(p.Position)) state = model.Advance(state, id);
            int target = p.Position < documents[p.Document].Length ? documents[p.Document][p.Position] : Vocabulary.Eos;

            Assert.Equal(target, p.Target);
            Assert.Equal(model.LogProbability(state, target), p.LogProbability, 1e-4);
            Assert.Equal(model.TopWords(state, 5).Select(t => t.Id), p.TopWords.ToArray());
            Assert.Equal(p.Position % 3 == 0, !p.Distribution.IsEmpty);
            model.NextTokenProbabilities(state, step);
            if (!p.Distribution.IsEmpty)
            {
                for (int id = 0; id < step.Length; id++) Assert.Equal(step[id], p.Distribution[id], 1e-5);
            }
            if (p.Position % 2 != 0) return;
            var byPrefix = new int[SuggestionRank.PrefixDepth + 1];
            SuggestionRank.WordsAbove(step, target, model.Vocabulary, byPrefix, above);
            Assert.Equal(byPrefix, p.WordsAboveByPrefix.ToArray());
            Assert.Equal(above, p.SharingPrefixAbove.ToArray().Order());
        });

        // Every position once, each document's positions in order.
        Assert.Equal(documents.Sum(d => d.Length + 1), seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        foreach (var group in seen.GroupBy(s => s.Document)) Assert.Equal(Enumerable.Range(0, documents[group.Key].Length + 1), group.Select(s => s.Position));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_AdaptiveSoftmax_GivesTheSavingNetworksDistribution(bool tied)
    {
        var options = new LstmOptions { EmbeddingSize = 12, HiddenSize = 12, Layers = 1, TieWeights = tied, InitRange = 0.5, Softmax = SoftmaxKind.Adaptive, Cutoffs = [20, 40] };
        string dir = Path.Combine(_folder, $"saved-{tied}");
        using var net = LstmModelFiles.Write(dir, Vocabulary.FromTokens(Words), options, seed: 9);
        using var model = LstmLanguageModel.Load(dir);
        net.eval();
        using var scope = NewDisposeScope();

        // The network as training runs it (gradients on): what the model must reproduce after loading.
        var (output, _) = net.Run(tensor(new long[] { Vocabulary.Eos, 5 }, [2, 1]), net.InitialState(1, CPU), resetAtDocuments: false);
        var direct = net.LogProbabilities(output[1]).exp().data<float>().ToArray();
        var loaded = new float[model.Vocabulary.Count];
        model.NextTokenProbabilities(model.Advance(model.Begin(), 5), loaded);

        for (int id = 0; id < loaded.Length; id++) Assert.Equal(direct[id], loaded[id], 1e-5);
    }

    [Fact]
    public void AdaptiveSoftmax_Distribution_SumsToOneAndAgreesWithTheLoss()
    {
        torch.manual_seed(3);
        using var scope = NewDisposeScope();
        using var layer = new AdaptiveSoftmax(16, 100, [10, 40], 4, tiedEmbedding: null);
        var hidden = randn(30, 16);
        var target = randint(4, 100, [30]);

        var log = layer.LogProbabilities(hidden);
        var nll = layer.NegativeLogLikelihood(hidden, target);

        Assert.All(log.exp().sum(1).data<float>().ToArray(), total => Assert.Equal(1, total, 1e-5));
        Assert.Equal(0, log.select(1, Vocabulary.Bos).exp().max().item<float>());
        var gathered = (-log.gather(1, target.unsqueeze(1)).squeeze(1)).data<float>().ToArray();
        Assert.Equal(gathered, nll.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Run_ResetAtDocuments_ReadsEachDocumentFromTheBeginState()
    {
        var options = new LstmOptions { EmbeddingSize = 8, HiddenSize = 8, Layers = 2, InitRange = 0.5, Softmax = SoftmaxKind.Full };
        torch.manual_seed(4);
        using var net = new LstmNetwork(20, options);
        net.eval();
        using var scope = NewDisposeScope();
        long[] stream = [2, 5, 6, 7, 2, 8, 9, 2, 10];  // </s> d1 </s> d2 </s> d3
        var start = (randn(2, 1, 8), randn(2, 1, 8));   // whatever came before: the reset must forget it

        var (all, _) = net.Run(tensor(stream, [stream.Length, 1]), start, resetAtDocuments: true);
        var (alone, _) = net.Run(tensor(new long[] { 2, 8, 9 }, [3, 1]), net.InitialState(1, CPU), resetAtDocuments: false);

        var expected = alone.data<float>().ToArray();
        var actual = all.narrow(0, 4, 3).data<float>().ToArray();
        Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Run_UnrolledForTraining_EqualsTheFusedLstmOverTheSameWeights()
    {
        // Variational dropout at rate 0 routes training through the unrolled loop and drops nothing.
        var fusedOptions = new LstmOptions { EmbeddingSize = 8, HiddenSize = 8, Layers = 2, Dropout = 0, InitRange = 0.5, Softmax = SoftmaxKind.Full };
        torch.manual_seed(4);
        using var fused = new LstmNetwork(20, fusedOptions);
        torch.manual_seed(4);
        using var unrolled = new LstmNetwork(20, fusedOptions with { VariationalDropout = true });
        using var scope = NewDisposeScope();
        var input = tensor(new long[] { 2, 5, 6, 7, 2, 8, 9, 2, 10, 11, 12, 2 }, [6, 2]);
        var start = (randn(2, 2, 8), randn(2, 2, 8));

        var (expected, (expectedH, expectedC)) = fused.Run(input, start, resetAtDocuments: true);
        var (actual, (actualH, actualC)) = unrolled.Run(input, start, resetAtDocuments: true);

        Assert.True(unrolled.Options.Unrolled && !fused.Options.Unrolled);
        foreach (var (e, a) in new[] { (expected, actual), (expectedH, actualH), (expectedC, actualC) })
            Assert.Equal(e.data<float>().ToArray(), a.data<float>().ToArray(), (x, y) => Math.Abs(x - y) < 1e-5);
    }

    [Fact]
    public void Run_WeightDrop_ChangesTrainingOutputsOnlyAndGradientsReachTheRecurrentWeights()
    {
        var options = new LstmOptions { EmbeddingSize = 8, HiddenSize = 8, Layers = 1, Dropout = 0, InitRange = 0.5, Softmax = SoftmaxKind.Full, WeightDrop = 0.5 };
        torch.manual_seed(5);
        using var net = new LstmNetwork(20, options);
        using var scope = NewDisposeScope();
        var input = tensor(new long[] { 2, 5, 6, 7, 8, 9 }, [6, 1]);

        net.eval();
        var scored = net.Run(input, net.InitialState(1, CPU), resetAtDocuments: true).Output.data<float>().ToArray();
        net.train();
        var (trained, _) = net.Run(input, net.InitialState(1, CPU), resetAtDocuments: true);
        trained.sum().backward();
        net.eval();
        var scoredAgain = net.Run(input, net.InitialState(1, CPU), resetAtDocuments: true).Output.data<float>().ToArray();

        Assert.Equal(scored, scoredAgain);
        Assert.NotEqual(scored, trained.data<float>().ToArray());
        var recurrentGradient = net.named_parameters().Single(p => p.name == "rnn.weight_hh_l0").parameter.grad!;
        Assert.True(recurrentGradient.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Run_EmbeddingDropout_DropsAWordAtEveryOccurrenceOrAtNone()
    {
        var options = new LstmOptions { EmbeddingSize = 8, HiddenSize = 8, Layers = 1, Dropout = 0, InitRange = 0.5, Softmax = SoftmaxKind.Full, EmbeddingDropout = 0.5 };
        torch.manual_seed(6);
        using var net = new LstmNetwork(20, options);
        torch.manual_seed(6);
        using var reference = new LstmNetwork(20, options with { EmbeddingDropout = 0, VariationalDropout = true }); // unrolled, drops nothing
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            reference.Encoder.weight![3].zero_();   // word 3 reads as word 7 dropped …
            reference.Encoder.weight![7].mul_(2);   // … and word 7 as word 7 kept, scaled by 1 / (1 − 0.5)
        }
        float[] Read(LstmNetwork model, long word) =>
            model.Run(tensor(new[] { word, word, word }, [3, 1]), model.InitialState(1, CPU), resetAtDocuments: false).Output.data<float>().ToArray();
        var dropped = Read(reference, 3);
        var kept = Read(reference, 7);

        var draws = Enumerable.Range(0, 40).Select(_ => Read(net, 7)).ToList();

        bool Same(float[] a, float[] b) => a.Zip(b).All(p => Math.Abs(p.First - p.Second) < 1e-5);
        Assert.All(draws, d => Assert.True(Same(d, dropped) || Same(d, kept)));
        Assert.Contains(draws, d => Same(d, dropped));
        Assert.Contains(draws, d => Same(d, kept));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
