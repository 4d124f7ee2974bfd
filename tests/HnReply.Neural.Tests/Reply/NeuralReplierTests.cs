using HnReply.Neural.Reply;
using HnReply.Prediction;
using TorchSharp;

namespace HnReply.Neural.Tests.Reply;

/// <summary>The replier on a model trained on the copy task: streaming, seeded sampling, ranking, near-duplicates.</summary>
[Collection("copy model")]
public sealed class NeuralReplierTests(CopyModelFixture copy)
{
    [Fact]
    public async Task StreamReplies_Beam_PiecesSpellEachCandidateAndCandidatesComeBestFirst()
    {
        var model = copy.Model;
        var replier = new NeuralReplier(model);

        var pieces = new List<ReplyPiece>();
        await foreach (var piece in replier.StreamReplies("a1 a2 a3", null, new ReplyRequest { Count = 3, Beam = 4, MinTokens = 0, NoRepeatNGram = 0 }))
            pieces.Add(piece);

        var candidates = pieces.OfType<ReplyPiece.Candidate>().ToList();
        Assert.NotEmpty(candidates);
        Assert.Equal("b1 b2 b3", candidates[0].Reply.Text);
        foreach (var candidate in candidates)
            Assert.Equal(candidate.Reply.Text, string.Concat(pieces.OfType<ReplyPiece.Token>().Where(t => t.Index == candidate.Index).Select(t => t.Text)).Trim());
        Assert.True(candidates.Zip(candidates.Skip(1)).All(p => p.First.Reply.Score >= p.Second.Reply.Score));
    }

    [Fact]
    public async Task StreamReplies_SampledWithASeed_IsReproducibleAndStreamsTokensBeforeTheCandidate()
    {
        var model = copy.Model;
        var replier = new NeuralReplier(model);
        var request = new ReplyRequest { Count = 2, Beam = 0, Sampling = new SamplingOptions { Temperature = 1.5 }, Seed = 11, MinTokens = 0 };

        async Task<List<ReplyPiece>> Run()
        {
            var pieces = new List<ReplyPiece>();
            await foreach (var piece in replier.StreamReplies("a4 a5 a6", null, request)) pieces.Add(piece);
            return pieces;
        }
        var first = await Run();
        var second = await Run();

        Assert.Equal(first, second);
        Assert.IsType<ReplyPiece.Token>(first[0]);
        Assert.IsType<ReplyPiece.Candidate>(first[^1]);
    }

    [Fact]
    public async Task StreamReplies_SampledNearDuplicates_AreReportedDroppedBeforeTheCandidates()
    {
        // At a low temperature the copy model samples the same reply three times: two are near-duplicates.
        var replier = new NeuralReplier(copy.Model);
        var request = new ReplyRequest { Count = 3, Beam = 0, Sampling = new SamplingOptions { Temperature = 0.3 }, Seed = 5, MinTokens = 1 };

        var pieces = new List<ReplyPiece>();
        await foreach (var piece in replier.StreamReplies("a4 a5 a6", null, request)) pieces.Add(piece);

        var streamed = pieces.OfType<ReplyPiece.Token>().Select(t => t.Index).Distinct().Order();
        var dropped = pieces.OfType<ReplyPiece.Dropped>().Select(d => d.Index).ToList();
        var kept = pieces.OfType<ReplyPiece.Candidate>().Select(c => c.Index).ToList();
        Assert.NotEmpty(dropped);
        Assert.Equal(streamed, dropped.Concat(kept).Order());
        Assert.True(pieces.FindLastIndex(p => p is ReplyPiece.Dropped) < pieces.FindIndex(p => p is ReplyPiece.Candidate));
    }

    [Fact]
    public void Score_TrueReply_RanksAboveOtherReplies()
    {
        var model = copy.Model;
        var replier = new NeuralReplier(model);

        var scores = replier.ScoreAll("a7 a0 a3", null, ["b7 b0 b3", "b1 b2 b3", "b7 b7 b7", "b7 b0 b0"]);

        Assert.Equal(0, Enumerable.Range(0, scores.Count).MaxBy(i => scores[i]));
        Assert.Equal(scores[1], replier.Score("a7 a0 a3", null, "b1 b2 b3"), 3); // batched and alone: the same score up to float rounding
    }

    // The copy model as if trained with --freeze-lm, in a folder of its own: its decoder alone is then the p(r) of MMI.
    private string HeldCopy()
    {
        string folder = Directory.CreateTempSubdirectory("hnreply-held-lm-").FullName;
        foreach (string file in Directory.GetFiles(copy.Directory)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        string manifest = Path.Combine(folder, "model.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"freeze_language_model\": false", "\"freeze_language_model\": true", StringComparison.Ordinal));
        return folder;
    }

    [Fact]
    public void ScoreAll_ModelHoldingItsLanguageModel_RanksByPointwiseMutualInformation()
    {
        string folder = HeldCopy();
        try
        {
            using var held = ReplyModel.Load(folder);
            string[] replies = ["b7 b0 b3", "b1 b2 b3", "b7 b7 b7"];

            // Ranking given replies is by their PMI with the parent whatever λ generation reranks with.
            var scores = new NeuralReplier(held, defaults: new ReplyRequest { MmiLambda = 0.5 }).ScoreAll("a7 a0 a3", null, replies);

            var conditional = held.ScoreReplies("a7 a0 a3", null, replies);
            var alone = held.ScoreWithoutParent(replies);
            for (int i = 0; i < replies.Length; i++)
                Assert.Equal(conditional[i].LogProbability - alone[i].LogProbability, scores[i], 5);
            Assert.True(held.HoldsLanguageModel);
            Assert.True(double.IsFinite(new NeuralReplier(held).LanguageModelPerplexity(replies)));
            Assert.False(copy.Model.HoldsLanguageModel);
            Assert.True(double.IsNaN(new NeuralReplier(copy.Model).LanguageModelPerplexity(replies)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ScoreAll_PastTheLanguageModelCacheLimit_StartsTheCacheAgainAndScoresAlike()
    {
        string folder = HeldCopy();
        try
        {
            using var held = ReplyModel.Load(folder);
            var small = new NeuralReplier(held) { LanguageModelCacheLimit = 4 };
            var large = new NeuralReplier(held);
            var batches = Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, 3).Select(i => $"b{b} b{i} b{(b + i) % 8}").ToArray()).ToList();

            foreach (var replies in batches.Concat(batches))
            {
                Assert.Equal(large.ScoreAll("a1 a2 a3", null, replies), small.ScoreAll("a1 a2 a3", null, replies));
                Assert.InRange(small.LanguageModelCacheCount, 1, 4 + replies.Length);
            }
            Assert.Equal(12, large.LanguageModelCacheCount);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Generate_AntiLanguageModelWithoutAHeldLanguageModel_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => copy.Model.Generate("a1 a2 a3", null, new ReplyRequest { Beam = 2, MmiLambda = 0.5, AntiLanguageModelTokens = 2 }));

        Assert.StartsWith("--anti-lm needs a reply model trained with --freeze-lm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_LiveTensorCount_StaysFlatAcrossReplies()
    {
        var model = copy.Model;
        var request = new ReplyRequest { Beam = 3, MinTokens = 0 };
        var counts = new List<long>();

        for (int i = 0; i < 6; i++)
        {
            model.Generate($"a{i} a1 a2", null, request);
            counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        Assert.Equal(counts[1], counts[^1]);
    }
}
