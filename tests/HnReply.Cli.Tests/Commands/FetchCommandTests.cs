using System.Text.Json;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Cli.Tests.Commands;

public class FetchCommandTests
{
    [Fact]
    public async Task Fetch_TopFromFakeApi_PrintsDesignJsonAndStoresTheTrees()
    {
        var items = SyntheticHn.Generate(stories: 20, meanCommentsPerStory: 10, seed: 11);
        await using var api = await FakeHnApi.StartAsync(items, new FaultOptions { ServerErrorRate = 0.05, Seed = 3 });
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, "fetch", "--api", api.BaseUri.ToString(), "--top", "20", "--json", "--retries", "10");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        foreach (string key in new[] { "read", "stored", "skipped", "errors", "seconds" }) Assert.True(json.RootElement.TryGetProperty(key, out _), key);
        Assert.Equal(items.Count, json.RootElement.GetProperty("read").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt64());
        using var store = CorpusStore.Open(folder.File("hn.duckdb"));
        Assert.Equal(items.Count, store.ItemCount);
    }

    [Fact]
    public async Task Fetch_RunTwice_SecondRunFetchesNothing()
    {
        var items = SyntheticHn.Generate(stories: 5, meanCommentsPerStory: 8, seed: 12);
        await using var api = await FakeHnApi.StartAsync(items);
        using var folder = new TempFolder();

        await CliRunner.RunAsync(folder.Path, "fetch", "--api", api.BaseUri.ToString(), "--top", "5");
        long requests = api.Requests;
        var second = await CliRunner.RunAsync(folder.Path, "fetch", "--api", api.BaseUri.ToString(), "--top", "5", "--json");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(second.Stdout).RootElement.GetProperty("read").GetInt64());
        Assert.Equal(requests, api.Requests);
    }

    [Theory]
    [InlineData(new string[] { "fetch" }, "choose exactly one")]
    [InlineData(new string[] { "fetch", "--top", "5", "--latest", "3" }, "choose exactly one")]
    [InlineData(new string[] { "fetch", "--range", "10", "5" }, "--range")]
    [InlineData(new string[] { "fetch", "--top", "5", "--api", "ftp://example" }, "--api")]
    public async Task Fetch_BadArguments_ExitsOneWithOneLine(string[] args, string expected)
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.Contains(expected, run.Stderr);
    }

    [Fact]
    public async Task Fetch_ApiDown_ExitsOneAndSaysWhy()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, "fetch", "--api", "http://127.0.0.1:9/v0/", "--top", "3", "--retries", "1", "--timeout", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hnreply:", run.Stderr);
        Assert.Single(run.StderrLines, l => l.StartsWith("hnreply:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_ServerThatNeverAnswers_ShowsEachRetryAsItHappensThenFails()
    {
        var items = SyntheticHn.Generate(stories: 1, meanCommentsPerStory: 0, seed: 13);
        await using var api = await FakeHnApi.StartAsync(items, new FaultOptions { SlowRate = 1, SlowDelay = TimeSpan.FromMinutes(5), MaxFaultsPerItem = 100 });
        using var folder = new TempFolder();
        long id = items[0].Id;

        var run = await CliRunner.RunAsync(folder.Path, "fetch", "--api", api.BaseUri.ToString(), "--top", "1", "--retries", "2", "--timeout", "0.2");

        Assert.Equal(1, run.ExitCode);
        var retries = run.StderrLines.Where(l => l.StartsWith($"fetch: item {id}: no complete answer within 200 ms; retry ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.StartsWith($"fetch: item {id}: no complete answer within 200 ms; retry 1 of 2 in ", retries[0], StringComparison.Ordinal);
        Assert.Contains($"hnreply: item {id}: gave up after 2 retries: no complete answer within 200 ms", run.StderrLines);
    }
}
