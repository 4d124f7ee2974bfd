using System.Text.Json;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Cli.Tests.Commands;

/// <summary>ingest → stats → export through the real executable, on a dump written from synthetic items.</summary>
public class CorpusCommandsTests
{
    private static string WriteDump(TempFolder folder, IReadOnlyList<Item> items, params (int Line, string Text)[] badLines)
    {
        var lines = items.Select(ItemJson.Write).ToList();
        foreach (var (line, text) in badLines) lines.Insert(line - 1, text);
        string path = folder.File("dump.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Ingest_DumpWithBadLines_StoresTheRestAndNamesEachBadLine()
    {
        var items = SyntheticHn.Generate(stories: 10, meanCommentsPerStory: 10, seed: 21);
        using var folder = new TempFolder();
        string dump = WriteDump(folder, items, (3, "{\"id\": \"not a number\"}"), (7, "{broken json"));

        var run = await CliRunner.RunAsync(folder.Path, "ingest", dump, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(items.Count, json.GetProperty("read").GetInt64());
        Assert.Equal(items.Count, json.GetProperty("stored").GetInt64());
        Assert.Equal(2, json.GetProperty("errors").GetInt64());
        Assert.Contains("dump.jsonl:3:", run.Stderr);
        Assert.Contains("dump.jsonl:7:", run.Stderr);
    }

    [Fact]
    public async Task Ingest_SameFileTwice_SecondStoresNothing()
    {
        var items = SyntheticHn.Generate(stories: 5, meanCommentsPerStory: 10, seed: 22);
        using var folder = new TempFolder();
        string dump = WriteDump(folder, items);

        await CliRunner.RunAsync(folder.Path, "ingest", dump);
        var again = await CliRunner.RunAsync(folder.Path, "ingest", dump, "--json");

        var json = JsonDocument.Parse(again.Stdout).RootElement;
        Assert.Equal(0, json.GetProperty("stored").GetInt64());
        Assert.Equal(items.Count, json.GetProperty("skipped").GetInt64());
    }

    [Fact]
    public async Task Ingest_MissingFile_ExitsOneNamingIt()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, "ingest", "nope.jsonl");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.jsonl", Assert.Single(run.StderrLines));
    }

    [Fact]
    public async Task Stats_AfterIngest_PrintsTheDesignShapeWithZeroOverlap()
    {
        var items = SyntheticHn.Generate(stories: 40, meanCommentsPerStory: 10, seed: 23);
        using var folder = new TempFolder();
        await CliRunner.RunAsync(folder.Path, "ingest", WriteDump(folder, items));

        var run = await CliRunner.RunAsync(folder.Path, "stats", "--json", "--valid-fraction", "0.2", "--test-fraction", "0.2");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(items.Count, json.GetProperty("items").GetInt64());
        Assert.Equal(items.Count(i => i.Type == ItemType.Story), json.GetProperty("stories").GetInt64());
        Assert.Equal(0, json.GetProperty("overlap").GetInt64());
        long pairs = 0;
        foreach (string split in new[] { "train", "valid", "test" })
        {
            var s = json.GetProperty("splits").GetProperty(split);
            Assert.True(s.GetProperty("stories").GetInt64() > 0, split);
            pairs += s.GetProperty("pairs").GetInt64();
            Assert.True(s.TryGetProperty("comments", out _));
        }
        Assert.Equal(json.GetProperty("pairs").GetInt64(), pairs);
        Assert.True(json.GetProperty("words").GetInt64() > 0);
    }

    [Fact]
    public async Task Export_PairsOfOneSplit_WritesJsonLinesWithEveryField()
    {
        var items = SyntheticHn.Generate(stories: 30, meanCommentsPerStory: 10, seed: 24);
        using var folder = new TempFolder();
        await CliRunner.RunAsync(folder.Path, "ingest", WriteDump(folder, items));

        var run = await CliRunner.RunAsync(folder.Path, "export", "pairs", "--split", "train", "--out", "train.jsonl");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(folder.File("train.jsonl"));
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            var pair = JsonDocument.Parse(line).RootElement;
            Assert.Equal("train", pair.GetProperty("split").GetString());
            foreach (string key in new[] { "story_id", "parent_id", "reply_id", "title", "parent", "reply" })
                Assert.True(pair.TryGetProperty(key, out _), key);
            Assert.False(string.IsNullOrWhiteSpace(pair.GetProperty("reply").GetString()));
        }
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
    }

    [Fact]
    public async Task MailPairs_ThreadInAFolder_WritesPairsThatTrainReplyReads()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("list"));
        File.WriteAllText(folder.File(Path.Combine("list", "1.eml")),
            "Message-ID: <a@x>\nSubject: procmail folders\n\nHow do I file list mail into its own folder?\n");
        File.WriteAllText(folder.File(Path.Combine("list", "2.eml")),
            "Message-ID: <b@x>\nIn-Reply-To: <a@x>\nSubject: Re: procmail folders\n\n> How do I file list mail\nMatch the List-Id header in a recipe.\n");

        var run = await CliRunner.RunAsync(folder.Path, "mail-pairs", "list", "--out", "mail.jsonl");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var pair = Assert.Single(ReplyPairFile.Read(folder.File("mail.jsonl")));
        Assert.Equal(("procmail folders", "Match the List-Id header in a recipe."), (pair.Title, pair.Reply));
        Assert.StartsWith("wrote mail.jsonl: 1 pairs from 2 messages", Assert.Single(run.StderrLines));
        var json = await CliRunner.RunAsync(folder.Path, "mail-pairs", "list", "--out", "again.jsonl", "--json");
        var summary = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal((1, 2, 1), (summary.GetProperty("pairs").GetInt32(), summary.GetProperty("messages").GetInt32(), summary.GetProperty("replies").GetInt32()));
    }

    [Fact]
    public async Task MailPairs_NoThreads_SaysSoInOneLineAndWritesNothing()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("1.eml"), "Message-ID: <a@x>\nSubject: alone\n\nNobody answered this message at all.\n");

        var run = await CliRunner.RunAsync(folder.Path, "mail-pairs", "1.eml", "--out", "mail.jsonl");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("hnreply: no pairs: 1 messages, 0 replying to another, 0 of them without their parent among the messages", Assert.Single(run.StderrLines));
        Assert.False(File.Exists(folder.File("mail.jsonl")));
    }

    [Fact]
    public async Task Export_Comments_OneCommentPerLine()
    {
        var items = SyntheticHn.Generate(stories: 10, meanCommentsPerStory: 10, seed: 25);
        using var folder = new TempFolder();
        await CliRunner.RunAsync(folder.Path, "ingest", WriteDump(folder, items));
        var stats = JsonDocument.Parse((await CliRunner.RunAsync(folder.Path, "stats", "--json")).Stdout).RootElement;

        var run = await CliRunner.RunAsync(folder.Path, "export", "comments");

        long comments = stats.GetProperty("splits").EnumerateObject().Sum(s => s.Value.GetProperty("comments").GetInt64());
        Assert.Equal(comments, run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Export_UnknownSplit_ExitsOne()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, "export", "pairs", "--split", "holdout");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("holdout", Assert.Single(run.StderrLines));
    }
}
