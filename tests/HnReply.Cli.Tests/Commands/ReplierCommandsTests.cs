using System.Text.Json;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Cli.Tests.Commands;

/// <summary>ingest → train retrieval → reply / eval through the real executable.</summary>
public class ReplierCommandsTests
{
    private static async Task IngestAsync(TempFolder folder)
    {
        var items = SyntheticHn.Generate(stories: 60, meanCommentsPerStory: 12, seed: 41);
        File.WriteAllLines(folder.File("dump.jsonl"), items.Select(ItemJson.Write));
        var ingest = await CliRunner.RunAsync(folder.Path, "ingest", "dump.jsonl");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        var train = await CliRunner.RunAsync(folder.Path, "train", "retrieval", "--out", "retrieval", "--valid-fraction", "0.1", "--test-fraction", "0.3");
        Assert.True(train.ExitCode == 0, train.Stderr);
    }

    [Fact]
    public async Task Reply_AfterTrainRetrieval_ReturnsRepliesFromTrainingThreads()
    {
        using var folder = new TempFolder();
        await IngestAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, "reply", "retrieval", "Does anyone know a good alternative to TypeScript?", "-n", "3", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var replies = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal(3, replies.Count);
        Assert.All(replies, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString())));
        Assert.True(replies[0].GetProperty("score").GetDouble() >= replies[2].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Reply_NoWordInCommonWithTraining_PrintsANoticeOnStderr()
    {
        using var folder = new TempFolder();
        await IngestAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, "reply", "retrieval", "zzqx wvvk");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(["hnreply: no reply: the model found nothing to answer this text with"], run.StderrLines);
    }

    [Fact]
    public async Task Eval_Retrieval_PrintsRankingAndDiversityFields()
    {
        using var folder = new TempFolder();
        await IngestAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, "eval", "retrieval", "--json", "--valid-fraction", "0.1", "--test-fraction", "0.3");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var row = Assert.Single(JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray());
        Assert.Equal("retrieval", row.GetProperty("kind").GetString());
        foreach (string key in new[] { "recall_at_1_of_10", "mrr_10", "recall_at_1_of_100", "mrr_100", "distinct_1", "distinct_2", "copy_rate_8gram" })
            Assert.InRange(row.GetProperty(key).GetDouble(), 0, 1);
        Assert.True(row.GetProperty("recall_at_1_of_10").GetDouble() > 0.1, "BM25 should beat chance (0.1)");
    }

    [Fact]
    public async Task Reply_WithALanguageModel_SaysItDoesNotReply()
    {
        using var folder = new TempFolder();
        await IngestAsync(folder);
        File.WriteAllText(folder.File("t.txt"), "a b c\nb c a\n");
        await CliRunner.RunAsync(folder.Path, "train", "ngram", "--out", "lm", "--train", "t.txt", "--order", "2");

        var run = await CliRunner.RunAsync(folder.Path, "reply", "lm", "hello");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not reply", Assert.Single(run.StderrLines));
    }
}
