using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

public class CorpusStoreTests
{
    private static readonly Item Story = new() { Id = 10, Type = ItemType.Story, Title = "Show HN: A tiny LM", Kids = [11, 14], Time = 1_700_000_000, Score = 42, By = "ann" };
    private static readonly Item Top = new() { Id = 11, Type = ItemType.Comment, Parent = 10, Text = "Nice work.<p>How big is it?", Kids = [12, 13], By = "bob" };
    private static readonly Item Reply = new() { Id = 12, Type = ItemType.Comment, Parent = 11, Text = "About 10M parameters.", By = "ann" };
    private static readonly Item Dead = new() { Id = 13, Type = ItemType.Comment, Parent = 11, Text = "spam", Dead = true };
    private static readonly Item Deleted = new() { Id = 14, Type = ItemType.Comment, Parent = 10, Deleted = true };

    [Fact]
    public void Upsert_SameItemsTwice_SecondWriteChangesNothing()
    {
        using var temp = new TempStore();
        Item[] items = [Story, Top, Reply, Dead, Deleted];

        var first = temp.Store.Upsert(items);
        var second = temp.Store.Upsert(items);

        Assert.Equal(new UpsertResult(5, 0, 0), first);
        Assert.Equal(new UpsertResult(0, 0, 5), second);
        Assert.Equal(5, temp.Store.ItemCount);
    }

    [Fact]
    public void Upsert_ChangedScore_UpdatesOnlyThatRow()
    {
        using var temp = new TempStore();
        temp.Store.Upsert([Story, Top]);

        var result = temp.Store.Upsert([Story with { Score = 43 }, Top]);

        Assert.Equal(new UpsertResult(0, 1, 1), result);
        Assert.Equal(43, temp.Store.Get(10)!.Score);
    }

    [Fact]
    public void Upsert_DuplicateIdsInOneBatch_LastOneWins()
    {
        using var temp = new TempStore();

        temp.Store.Upsert([Story with { Score = 1 }, Story with { Score = 2 }]);

        Assert.Equal(1, temp.Store.ItemCount);
        Assert.Equal(2, temp.Store.Get(10)!.Score);
    }

    [Fact]
    public void Get_AfterReopen_ReturnsEveryFieldAsStored()
    {
        using var temp = new TempStore();
        var item = Top with { Url = "https://example.com", Descendants = 3, Score = 5, Time = 123 };
        temp.Store.Upsert([item]);

        var back = temp.Reopen().Get(11);

        Assert.NotNull(back);
        Assert.Equal(item with { Kids = back.Kids }, back);
        Assert.Equal(item.Kids, back.Kids);
    }

    [Fact]
    public void MarkMissing_StoredIdsAreIgnored_AndStoringRemovesMissing()
    {
        using var temp = new TempStore();
        temp.Store.Upsert([Story]);

        temp.Store.MarkMissing([10, 99, 99, 100]);
        Assert.Equal(2, temp.Store.MissingCount);
        temp.Store.Upsert([new Item { Id = 99, Type = ItemType.Comment, Parent = 10, Text = "late" }]);

        Assert.Equal(1, temp.Store.MissingCount);
    }

    [Fact]
    public void Frontier_PartlyStoredTree_ReturnsOnlyUnstoredReachableIds()
    {
        using var temp = new TempStore();
        temp.Store.Upsert([Story, Top]);
        temp.Store.MarkMissing([14]);

        var frontier = temp.Store.Frontier([10, 20]);

        Assert.Equal([12L, 13L, 20L], frontier);
    }

    [Fact]
    public void UnknownInRange_SkipsStoredAndMissing()
    {
        using var temp = new TempStore();
        temp.Store.Upsert([Story, Top]);
        temp.Store.MarkMissing([13]);

        Assert.Equal([9L, 12L, 14L], temp.Store.UnknownInRange(9, 14));
        Assert.Equal([15L], temp.Store.Unknown([10, 13, 15, 15]));
    }

    [Fact]
    public void Pairs_Thread_GivesTitleContextForTopLevelAndSkipsDeadAndDeleted()
    {
        using var temp = new TempStore();
        temp.Store.Upsert([Story, Top, Reply, Dead, Deleted]);
        var all = new SplitOptions { ValidFraction = 0, TestFraction = 0 };

        var pairs = temp.Store.Pairs(all).ToList();

        Assert.Equal(2, pairs.Count);
        Assert.Equal(new ReplyPair(10, 10, 11, Split.Train, "Show HN: A tiny LM", "Show HN: A tiny LM", "Nice work.\n\nHow big is it?"), pairs[0]);
        Assert.Equal(new ReplyPair(10, 11, 12, Split.Train, "Show HN: A tiny LM", "Nice work.\n\nHow big is it?", "About 10M parameters."), pairs[1]);
    }

    [Fact]
    public void Pairs_OrphanComment_IsNotAPair()
    {
        using var temp = new TempStore();
        temp.Store.Upsert([Reply]);

        Assert.Empty(temp.Store.Pairs(new SplitOptions()));
    }

    [Fact]
    public void Stats_SmallThread_CountsItemsPairsWordsAndNoOverlap()
    {
        using var temp = new TempStore();
        temp.Store.Upsert([Story, Top, Reply, Dead, Deleted]);

        var stats = temp.Store.Stats(new SplitOptions { ValidFraction = 0, TestFraction = 0 });

        Assert.Equal(5, stats.Items);
        Assert.Equal(1, stats.Stories);
        Assert.Equal(4, stats.Comments);
        Assert.Equal(2, stats.Pairs);
        Assert.Equal(9, stats.Words);
        Assert.Equal(new SplitStats(1, 2, 2), stats.Splits[Split.Train]);
        Assert.Equal(new SplitStats(0, 0, 0), stats.Splits[Split.Test]);
        Assert.Equal(0, stats.Overlap);
    }

    [Fact]
    public void Open_NotADatabase_FailsWithPathInMessage()
    {
        var folder = Directory.CreateTempSubdirectory("hnreply-test-").FullName;
        var path = System.IO.Path.Combine(folder, "junk.duckdb");
        File.WriteAllText(path, "this is not a database file, just text that is long enough to look like a header");
        try
        {
            var e = Assert.ThrowsAny<IOException>(() => CorpusStore.Open(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
