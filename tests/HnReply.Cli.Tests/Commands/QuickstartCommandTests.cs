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

        var run = await CliRunner.RunAsync(folder.Path, "quickstart", "--api", api.BaseUri.ToString(), "--stories", "10");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("split overlap", run.Stdout);
        using var store = CorpusStore.Open(folder.File("hn.duckdb"));
        Assert.Equal(10, store.Items().Count(i => i.Type == ItemType.Story));
    }
}
