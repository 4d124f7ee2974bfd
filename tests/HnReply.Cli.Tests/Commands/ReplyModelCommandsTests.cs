using System.Text.Json;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Cli.Tests.Commands;

/// <summary>ingest → train reply (tiny) → reply / reply --item / eval through the real executable.</summary>
public class ReplyModelCommandsTests
{
    private static readonly string[] Splits = ["--valid-fraction", "0.1", "--test-fraction", "0.2"];

    private static async Task<List<Item>> TrainAsync(TempFolder folder)
    {
        var items = SyntheticHn.Generate(stories: 30, meanCommentsPerStory: 8, seed: 43).ToList();
        File.WriteAllLines(folder.File("dump.jsonl"), items.Select(ItemJson.Write));
        var ingest = await CliRunner.RunAsync(folder.Path, "ingest", "dump.jsonl");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        var train = await CliRunner.RunAsync(folder.Path, ["train", "reply", "--out", "reply", "--embedding", "16", "--hidden", "16", "--epochs", "2",
                                                           "--max-context", "24", "--max-title", "6", "--max-reply", "20", "--threads", "1", .. Splits]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("test ppl", train.Stdout);
        return items;
    }

    [Fact]
    public async Task TrainReplyThenReplyAndEval_WriteRepliesAndAReplierRow()
    {
        using var folder = new TempFolder();
        var items = await TrainAsync(folder);

        var reply = await CliRunner.RunAsync(folder.Path, "reply", "reply", "Which database would you pick for this?", "-n", "2", "--beam", "3", "--max-tokens", "12", "--json");
        Assert.True(reply.ExitCode == 0, reply.Stderr);
        var replies = JsonDocument.Parse(reply.Stdout).RootElement.GetProperty("replies").EnumerateArray().ToList();
        Assert.InRange(replies.Count, 1, 2);
        Assert.All(replies, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString())));

        var comment = items.First(i => i.Type == ItemType.Comment && !i.Deleted && !i.Dead && !string.IsNullOrEmpty(i.Text));
        var byId = await CliRunner.RunAsync(folder.Path, "reply", "reply", "--item", comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--top-p", "0.9", "--max-tokens", "8", "--seed", "3");
        Assert.True(byId.ExitCode == 0, byId.Stderr);
        Assert.StartsWith("[", byId.Stdout);

        var eval = await CliRunner.RunAsync(folder.Path, ["eval", "reply", "--json", "--limit", "25", "--generate", "5", .. Splits]);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        var row = Assert.Single(JsonDocument.Parse(eval.Stdout).RootElement.EnumerateArray());
        Assert.Equal("reply", row.GetProperty("kind").GetString());
        foreach (string key in new[] { "recall_at_1_of_10", "recall_at_5_of_10", "mrr_10", "distinct_1", "distinct_2", "copy_rate_8gram" })
            Assert.InRange(row.GetProperty(key).GetDouble(), 0, 1);
        Assert.True(row.GetProperty("conditional_perplexity").GetDouble() > 1);
        Assert.True(row.GetProperty("mean_length").GetDouble() > 0);
    }

    [Fact]
    public async Task TrainHybrid_FitsOnTheValidSplitAndEvalAndReplyTakeIt()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder);
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, ["train", "retrieval", "--out", "ret", .. Splits])).ExitCode);

        var train = await CliRunner.RunAsync(folder.Path, ["train", "hybrid", "--out", "models/hybrid", "--reply", "reply", "--retrieval", "ret", "--json", .. Splits]);

        Assert.True(train.ExitCode == 0, train.Stderr);
        var fit = JsonDocument.Parse(train.Stdout).RootElement;
        Assert.Equal(["reply_model", "retrieval", "log_tokens"], fit.GetProperty("weights").EnumerateArray().Select(w => w.GetProperty("feature").GetString()));
        Assert.True(fit.GetProperty("fit_pairs").GetInt32() > 0);
        Assert.InRange(fit.GetProperty("fit_recall_at_1_of_10").GetProperty("hybrid").GetDouble(), 0, 1);
        var options = JsonDocument.Parse(File.ReadAllText(folder.File("models/hybrid/model.json"))).RootElement.GetProperty("options");
        Assert.Equal(Path.Combine("..", "..", "reply"), options.GetProperty("reply").GetString()); // relative to the hybrid's own directory

        var eval = await CliRunner.RunAsync(folder.Path, ["eval", "models/hybrid", "--json", "--limit", "25", "--generate", "3", "--ranking", "10", .. Splits]);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        var row = Assert.Single(JsonDocument.Parse(eval.Stdout).RootElement.EnumerateArray());
        Assert.Equal("hybrid", row.GetProperty("kind").GetString());
        Assert.InRange(row.GetProperty("recall_at_1_of_10").GetDouble(), 0, 1);

        var reply = await CliRunner.RunAsync(folder.Path, "reply", "models/hybrid", "Which database would you pick for this?", "-n", "2", "--max-tokens", "12", "--json");
        Assert.True(reply.ExitCode == 0, reply.Stderr);
        Assert.NotEmpty(JsonDocument.Parse(reply.Stdout).RootElement.GetProperty("replies").EnumerateArray());

        var withLm = await CliRunner.RunAsync(folder.Path, "reply", "models/hybrid", "Which database?", "--lm", "reply");
        Assert.Equal(1, withLm.ExitCode);
        Assert.Contains("a hybrid model names its own models", Assert.Single(withLm.StderrLines));
    }

    [Theory]
    [InlineData("reply", "reply", "ret", "would replace reply")]
    [InlineData("hybrid", "ret", "ret", "--reply ret: a retrieval model; give a reply model")]
    public async Task TrainHybrid_WrongModels_SaysWhichInOneLine(string output, string reply, string retrieval, string expected)
    {
        using var folder = new TempFolder();
        await TrainAsync(folder);
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, ["train", "retrieval", "--out", "ret", .. Splits])).ExitCode);

        var run = await CliRunner.RunAsync(folder.Path, ["train", "hybrid", "--out", output, "--reply", reply, "--retrieval", retrieval, .. Splits]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.StderrLines));
        Assert.True(File.Exists(folder.File("reply/model.json")));
    }

    [Fact]
    public async Task TrainReply_FromAnAdaptiveSoftmaxLm_HoldsThatLmExactly()
    {
        using var folder = new TempFolder();
        var items = SyntheticHn.Generate(stories: 30, meanCommentsPerStory: 8, seed: 44).ToList();
        File.WriteAllLines(folder.File("dump.jsonl"), items.Select(ItemJson.Write));
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "ingest", "dump.jsonl")).ExitCode);
        var lm = await CliRunner.RunAsync(folder.Path, ["train", "lstm", "--out", "lm", "--embedding", "16", "--hidden", "16", "--epochs", "1",
                                                        "--softmax", "adaptive", "--cutoffs", "50", "200", "--threads", "1", .. Splits]);
        Assert.True(lm.ExitCode == 0, lm.Stderr);

        var train = await CliRunner.RunAsync(folder.Path, ["train", "reply", "--out", "reply", "--init-lm", "lm", "--freeze-lm", "--epochs", "1",
                                                           "--max-context", "24", "--max-title", "6", "--max-reply", "20", "--threads", "1", "--json", .. Splits]);

        Assert.True(train.ExitCode == 0, train.Stderr);
        var options = JsonDocument.Parse(File.ReadAllText(folder.File("reply/model.json"))).RootElement.GetProperty("options");
        Assert.Equal("adaptive", options.GetProperty("softmax").GetString());
        Assert.Equal([50, 200], options.GetProperty("cutoffs").EnumerateArray().Select(c => c.GetInt32()));
        // The LM's own perplexity of the test replies (loaded from lm/) and the reply model's decoder alone (its held LM) agree.
        double fromLm = JsonDocument.Parse(train.Stdout).RootElement.GetProperty("test_lm_ppl").GetDouble();
        var eval = await CliRunner.RunAsync(folder.Path, ["eval", "reply", "--json", "--generate", "2", .. Splits]);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        var row = Assert.Single(JsonDocument.Parse(eval.Stdout).RootElement.EnumerateArray());
        Assert.Equal(fromLm, row.GetProperty("lm_perplexity").GetDouble(), tolerance: 0.002); // test_lm_ppl is rounded to 3 decimals
    }

    [Fact]
    public async Task Reply_NeitherTextNorItem_SaysSoInOneLine()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, "reply", "models/reply");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["hnreply: give the comment to reply to, or --item ID"], run.StderrLines);
    }

    [Fact]
    public async Task TrainReply_FreezeLmWithoutInitLm_SaysWhatItNeedsInOneLine()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("pairs.jsonl"), "{\"parent\":\"a b c\",\"reply\":\"d e\"}\n");

        var run = await CliRunner.RunAsync(folder.Path, "train", "reply", "--out", "reply", "--pairs", "pairs.jsonl", "--freeze-lm");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["hnreply: --freeze-lm keeps the parts --init-lm gives; name the LM with --init-lm DIR"], run.StderrLines);
        Assert.False(Directory.Exists(folder.File("reply")));
    }
}
