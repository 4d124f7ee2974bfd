using System.Text.Json;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Cli.Tests.Commands;

public class QuickstartCommandTests
{
    [Fact]
    public async Task Quickstart_AgainstFakeApi_CrawlsTopStoriesAndPrintsStats()
    {
        var items = SyntheticHn.Generate(stories: 15, meanCommentsPerStory: 12, seed: 31);
        await using var api = await FakeHnApi.StartAsync(items);
        using var folder = new TempFolder();

        // A short LSTM run keeps the test well inside its timeout on a busy two-core machine.
        var run = await CliRunner.RunAsync(folder.Path, ["quickstart", "--api", api.BaseUri.ToString(), "--stories", "10", "--lstm-minutes", "0.2"], stdin: "",
            timeout: TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("split overlap", run.Stdout);
        using var store = CorpusStore.Open(folder.File("hn.duckdb"));
        Assert.Equal(10, store.Items().Count(i => i.Type == ItemType.Story));
        AssertLadder(folder.File("models/report/ladder.json"), "models/ngram", "models/lstm", "models/retrieval");
        Assert.DoesNotContain("synthetic demo corpus", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quickstart_ApiUnreachable_RunsTheLadderOnTheLabelledDemoCorpus()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("models/demo/lstm"));
        File.WriteAllText(folder.File("models/demo/lstm/mine.txt"), "a model the user already had");

        // Port 9 on loopback refuses the connection, as an offline machine's resolver refuses the name.
        var run = await CliRunner.RunAsync(folder.Path, ["quickstart", "--api", "http://127.0.0.1:9/v0/", "--lstm-minutes", "0.2"], stdin: "",
            timeout: TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("hnreply: cannot reach http://127.0.0.1:9: connection failed: Connection refused", run.StderrLines[0]);
        Assert.Equal("hnreply: running on the synthetic demo corpus instead, served by this process (store hn-demo.duckdb, models models/demo)", run.StderrLines[1]);
        string[] sections = run.Stdout.Split('\n').Where(l => l.StartsWith("── ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(7, sections.Count(l => l.Contains("[synthetic demo corpus]", StringComparison.Ordinal)));
        Assert.Equal(4, run.Stdout.Split('\n').Count(l => l.StartsWith("$ hnreply ", StringComparison.Ordinal) && l.EndsWith("[synthetic demo corpus]", StringComparison.Ordinal)));
        Assert.Contains("hnreply ingest", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("hn.duckdb")), "the real store stays untouched");
        using (var store = CorpusStore.Open(folder.File("hn-demo.duckdb"))) Assert.Equal(30, store.Items().Count(i => i.Type == ItemType.Story));
        AssertLadder(folder.File("models/demo/report/ladder.json"), "models/demo/ngram", "models/demo/lstm", "models/demo/retrieval");
        using (var ladder = JsonDocument.Parse(File.ReadAllText(folder.File("models/demo/report/ladder.json"))))
            Assert.InRange(ladder.RootElement[2].GetProperty("recall_at_1_of_10").GetDouble(), 0.1, 1);
        Assert.False(File.Exists(folder.File("models/demo/lstm/mine.txt")), "replaced once the new LSTM was complete");
        Assert.False(Directory.Exists(folder.File("models/demo/lstm.building")));
    }

    // The ladder's rows, in quickstart's order: language models with a perplexity, then the replier with a recall.
    private static void AssertLadder(string file, string ngram, string lstm, string retrieval)
    {
        using var ladder = JsonDocument.Parse(File.ReadAllText(file));
        var rows = ladder.RootElement.EnumerateArray().ToList();
        Assert.Equal([ngram, lstm, retrieval], rows.Select(r => r.GetProperty("model").GetString()));
        Assert.Equal(["ngram", "lstm", "retrieval"], rows.Select(r => r.GetProperty("kind").GetString()));
        Assert.All(rows.Take(2), r => Assert.True(r.GetProperty("perplexity").GetDouble() is > 1 and < 1000, r.ToString()));
        Assert.True(rows[2].GetProperty("pairs").GetInt32() > 0, rows[2].ToString());
    }
}
