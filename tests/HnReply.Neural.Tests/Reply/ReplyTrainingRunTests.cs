using HnReply.Neural.Reply;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Neural.Tests.Reply;

public sealed class ReplyTrainingRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-reply-").FullName;

    internal static readonly ReplyOptions Tiny = new()
    {
        EmbeddingSize = 24, HiddenSize = 24, Dropout = 0, Epochs = 40, BatchSize = 16, LearningRate = 0.02, Patience = 0,
        ReduceOnPlateau = false, MaxContextTokens = 8, MaxTitleTokens = 2, Threads = 1, Seed = 5, CheckpointSeconds = 3600,
    };

    internal static ReplyModel TrainCopyModel(string folder)
    {
        string output = Path.Combine(folder, "copy");
        if (!Directory.Exists(output))
        {
            new ReplyTrainingRun().Run(new ReplyTrainingRequest
            {
                Output = output, Options = Tiny, Tokenization = new TokenizerOptions { Kind = TokenizerKind.Whitespace }, MinCount = 1,
                Train = CopyTaskPairs.Create(240, 1), Valid = CopyTaskPairs.Create(20, 2), Test = CopyTaskPairs.Create(20, 3), Source = "copy task",
            });
        }
        return ReplyModel.Load(output);
    }

    [Fact]
    public void Run_ReplyThatDependsOnTheParent_LearnsItThroughAttention()
    {
        using var model = TrainCopyModel(_folder);

        var test = CopyTaskPairs.Create(20, 3);
        var (log, tokens) = model.ScorePairs(test.Select(p => (p.Parent, (string?)null, p.Reply)).ToList());
        double perplexity = Math.Exp(-log / tokens);
        // Without the parent a reply word is one of eight: perplexity ≈ 8^(3/4) ≈ 4.8 over three words and </s>.
        Assert.True(perplexity < 1.5, $"conditional perplexity {perplexity:F2}");
        foreach (var pair in test.Take(5))
        {
            var best = model.Generate(pair.Parent, null, new ReplyRequest { Beam = 1, MinTokens = 0, NoRepeatNGram = 0 });
            Assert.Equal(pair.Reply, best[0].Text);
        }
    }

    [Fact]
    public void Run_WritesAReplyModelDirectory_WithMetricsCurveAndTestPerplexity()
    {
        using var _ = TrainCopyModel(_folder);

        string dir = Path.Combine(_folder, "copy");
        var manifest = HnReply.Models.ModelDirectory.ReadManifest(dir, "reply", 1);
        Assert.Equal(Tiny.Epochs, File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(dir, "loss.png")));
        Assert.True(manifest.Metrics["test_ppl"]!.GetValue<double>() < 1.5);
        Assert.Equal(24, manifest.Options["hidden_size"]!.GetValue<int>());
        Assert.False(Directory.Exists(Path.Combine(_folder, "copy.training")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
