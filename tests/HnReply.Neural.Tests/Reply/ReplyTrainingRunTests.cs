using HnReply.Neural.Reply;
using HnReply.Prediction;
using HnReply.Models;

namespace HnReply.Neural.Tests.Reply;

[Collection("copy model")]
public sealed class ReplyTrainingRunTests(CopyModelFixture copy)
{
    [Fact]
    public void Run_ReplyThatDependsOnTheParent_LearnsItThroughAttention()
    {
        var model = copy.Model;

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
        var manifest = ModelDirectory.ReadManifest(copy.Directory, "reply", 2);
        Assert.Equal(ReplyModel.FormatTag, manifest.Format);

        Assert.Equal(CopyModelFixture.Tiny.Epochs, File.ReadAllLines(Path.Combine(copy.Directory, "metrics.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(copy.Directory, "loss.png")));
        Assert.True(manifest.Metrics["test_ppl"]!.GetValue<double>() < 1.5);
        Assert.Equal(24, manifest.Options["hidden_size"]!.GetValue<int>());
        Assert.False(Directory.Exists(copy.Directory + ".training"));
    }

    [Fact]
    public void Load_ModelOfTheFirstFormat_IsRefusedWithWhatToDo()
    {
        string old = Directory.CreateTempSubdirectory("hnreply-reply-v1-").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(copy.Directory)) File.Copy(file, Path.Combine(old, Path.GetFileName(file)));
            string manifest = Path.Combine(old, ModelDirectory.ManifestFile);
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(ReplyModel.FormatTag, "hnreply-reply/1", StringComparison.Ordinal));

            var error = Assert.Throws<InvalidDataException>(() => ReplyModel.Load(old));

            Assert.StartsWith(manifest + ": format hnreply-reply/1", error.Message, StringComparison.Ordinal);
            Assert.Contains("hnreply train reply", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(old, recursive: true);
        }
    }
}
