using HnReply.Models;
using HnReply.Neural.Models;
using HnReply.Neural.Reply;
using HnReply.Ranking;
using HnReply.Retrieval;

namespace HnReply.Neural.Tests.Reply;

/// <summary>The hybrid replier on the copy-task model: its features, its fitted ranker, and its model directory.</summary>
[Collection("copy model")]
public sealed class HybridReplierTests(CopyModelFixture copy) : IDisposable
{
    private const string Parent = "a7 a0 a3";
    private static readonly string[] Replies = ["b7 b0 b3", "b1 b2 b3", "b7 b7", "b7 b0 b0 b1"];
    private readonly RetrievalReplier _retrieval = new(CopyTaskPairs.Create(240, 1));
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-hybrid-").FullName;

    private static LinearRanker Ranker(params double[] weights) =>
        new(NeuralReplier.HybridFeatures, [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], weights);

    [Fact]
    public void HybridFeatureRows_AreTheReplyModelsScoreRetrievalsScoreAndTheLogOfTheLength()
    {
        var rows = new NeuralReplier(copy.Model, retrieval: _retrieval).HybridFeatureRows(Parent, null, Replies);

        var neural = new NeuralReplier(copy.Model).ScoreAll(Parent, null, Replies);
        for (int i = 0; i < Replies.Length; i++)
        {
            Assert.Equal(neural[i], rows[i][0], 5);
            Assert.Equal(_retrieval.Score(Parent, null, Replies[i]), rows[i][1], 12);
            Assert.Equal(Math.Log(Replies[i].Split(' ').Length + 1), rows[i][2], 12); // the words and one </s>
        }
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0.5, 2, -1)]
    public void ScoreAll_WithARanker_IsTheRankersScoreOfEachReplysFeatures(double model, double retrieval, double length)
    {
        var ranker = Ranker(model, retrieval, length);
        var hybrid = new NeuralReplier(copy.Model, retrieval: _retrieval, ranker: ranker);

        var scores = hybrid.ScoreAll(Parent, null, Replies);

        var rows = hybrid.HybridFeatureRows(Parent, null, Replies);
        Assert.Equal(rows.Select(ranker.Score), scores, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal("hybrid", hybrid.Kind);
    }

    [Fact]
    public void Reply_WithARanker_RanksEveryCandidateAsScoreDoes()
    {
        var hybrid = new NeuralReplier(copy.Model, retrieval: _retrieval, ranker: Ranker(0.2, 1, 0));

        var replies = hybrid.Reply(Parent, null, 4);

        Assert.NotEmpty(replies);
        // Scored alone or in a batch of candidates: the same score up to float rounding.
        foreach (var reply in replies) Assert.Equal(hybrid.Score(Parent, null, reply.Text), reply.Score, tolerance: 1e-4);
        Assert.True(replies.Zip(replies.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Create_ARankerWithoutRetrieval_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new NeuralReplier(copy.Model, ranker: Ranker(1, 1, 0)));

        Assert.StartsWith("a hybrid ranker weighs the retrieval model's scores", error.Message, StringComparison.Ordinal);
    }

    private string SaveHybrid(LinearRanker ranker)
    {
        string retrieval = Path.Combine(_folder, "ret");
        _retrieval.Save(retrieval, new ModelManifest { Format = RetrievalReplier.FormatTag });
        string hybrid = Path.Combine(_folder, "hybrid");
        HybridDefinition.Save(hybrid, new HybridDefinition(copy.Directory, retrieval, null, ranker), copy.Model, [], []);
        return hybrid;
    }

    [Fact]
    public void Load_HybridDirectory_OpensItsModelsAndScoresAsTheHybridItWasSavedFrom()
    {
        var ranker = Ranker(0.7, 1.3, -0.4);
        string directory = SaveHybrid(ranker);

        using var loaded = ModelLoader.LoadReplier(directory);

        Assert.Equal("hybrid", loaded.Kind);
        var replier = Assert.IsType<NeuralReplier>(loaded.Replier);
        Assert.Equal(ranker.Weights, replier.Ranker!.Weights);
        var expected = new NeuralReplier(copy.Model, retrieval: _retrieval, ranker: ranker).ScoreAll(Parent, null, Replies);
        Assert.Equal(expected, replier.ScoreAll(Parent, null, Replies), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Load_HybridWhoseRetrievalModelIsGone_NamesIt()
    {
        string directory = SaveHybrid(Ranker(1, 1, 0));
        Directory.Delete(Path.Combine(_folder, "ret"), recursive: true);

        var error = Assert.Throws<FileNotFoundException>(() => ModelLoader.Load(directory));

        Assert.Contains($"{Path.Combine(_folder, "ret")} is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HybridFittedOnOtherFeatures_AsksForANewFit()
    {
        string directory = SaveHybrid(new LinearRanker(["reply_model", "retrieval", "length"], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]));

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.Load(directory));

        Assert.Contains("weighs reply_model, retrieval, length where this build computes reply_model, retrieval, log_tokens", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
