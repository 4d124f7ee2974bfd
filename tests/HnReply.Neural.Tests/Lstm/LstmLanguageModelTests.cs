using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Prediction;
using HnReply.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Tests.Lstm;

public sealed class LstmLanguageModelTests : IDisposable
{
    private static readonly LstmOptions Options = new() { EmbeddingSize = 8, HiddenSize = 8, Layers = 2, Dropout = 0.3, Seed = 5 };
    private static readonly string[] Words = ["the", "cat", "sat", "on", "mat", "a", "dog"];
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-lstm-").FullName;

    // A model directory around freshly initialised weights, plus the in-memory network that wrote them.
    private (string Directory, LstmNetwork Net, Vocabulary Vocabulary) WriteModel()
    {
        var vocabulary = Vocabulary.FromTokens(Words);
        string dir = Path.Combine(_folder, "lstm");
        return (dir, LstmModelFiles.Write(dir, vocabulary, Options, Options.Seed), vocabulary);
    }

    [Fact]
    public void Load_SavedWeights_GivesTheSameDistributionAsTheNetworkThatSavedThem()
    {
        var (dir, net, vocabulary) = WriteModel();
        using var _ = net;
        using var model = LstmLanguageModel.Load(dir);
        int[] tokens = [Vocabulary.Eos, vocabulary.Id("the"), vocabulary.Id("cat")];

        var state = model.Begin();
        state = model.Advance(state, tokens[1]);
        state = model.Advance(state, tokens[2]);
        var loaded = new float[vocabulary.Count];
        model.NextTokenProbabilities(state, loaded);

        net.eval();
        using var scope = NewDisposeScope();
        var (output, _) = net.Run(tensor(tokens.Select(t => (long)t).ToArray(), [3, 1], ScalarType.Int64), net.InitialState(1, CPU), resetAtDocuments: false);
        var logits = net.Decoder!.forward(output[2]);
        var direct = nn.functional.softmax(logits[0], 0).data<float>().ToArray();
        direct[Vocabulary.Bos] = 0;
        direct[Vocabulary.Pad] = 0;
        float total = direct.Sum();
        for (int i = 0; i < direct.Length; i++) Assert.Equal(direct[i] / total, loaded[i], 1e-5);
    }

    [Fact]
    public void AdvanceThrough_ARunOfTokens_SameDistributionAsAdvancingOneAtATime()
    {
        var (dir, net, vocabulary) = WriteModel();
        net.Dispose();
        using var model = LstmLanguageModel.Load(dir);
        int[] tokens = [.. Words.Take(5).Select(vocabulary.Id)];

        var stepwise = model.Begin();
        foreach (int token in tokens) stepwise = model.Advance(stepwise, token);
        var once = model.AdvanceThrough(model.Begin(), tokens);
        var expected = new float[vocabulary.Count];
        var actual = new float[vocabulary.Count];
        model.NextTokenProbabilities(stepwise, expected);
        model.NextTokenProbabilities(once, actual);

        Assert.Equal(0.0, expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max(), 6);
        Assert.NotEqual(expected, ProbabilitiesAfter(model, model.Begin())); // the run moved the state
    }

    private static float[] ProbabilitiesAfter(LstmLanguageModel model, LanguageModelState state)
    {
        var p = new float[model.Vocabulary.Count];
        model.NextTokenProbabilities(state, p);
        return p;
    }

    [Fact]
    public void Load_Twice_GivesIdenticalDistributions()
    {
        var (dir, net, _) = WriteModel();
        net.Dispose();
        using var a = LstmLanguageModel.Load(dir);
        using var b = LstmLanguageModel.Load(dir);

        var pa = new float[a.Vocabulary.Count];
        var pb = new float[b.Vocabulary.Count];
        a.NextTokenProbabilities(a.Advance(a.Begin(), 5), pa);
        b.NextTokenProbabilities(b.Advance(b.Begin(), 5), pb);

        Assert.Equal(pa, pb);
        Assert.Equal(1.0, pa.Sum(), 4);
    }

    [Fact]
    public void Advance_ManySteps_LeavesNoLiveTensors()
    {
        var (dir, net, _) = WriteModel();
        net.Dispose();
        using var model = LstmLanguageModel.Load(dir);
        var state = model.Advance(model.Begin(), 4);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 50; i++) state = model.Advance(state, 4 + i % 7);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Suggest_ThroughTypingSession_WorksWithTheLstm()
    {
        var (dir, net, _) = WriteModel();
        net.Dispose();
        using var model = LstmLanguageModel.Load(dir);

        var suggestions = new TypingSession(model).Suggest("the cat ", 3);

        Assert.Equal(3, suggestions.Count);
        Assert.All(suggestions, s => Assert.Contains(s.Text, Words));
    }

    [Fact]
    public void Load_WrongKindOrTruncatedWeights_FailsWithOneLineNamingTheFile()
    {
        var (dir, net, _) = WriteModel();
        net.Dispose();
        string weights = Path.Combine(dir, LstmTrainer.WeightsFile);
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..40]);

        var e = Assert.Throws<InvalidDataException>(() => LstmLanguageModel.Load(dir));

        Assert.Contains(weights, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
