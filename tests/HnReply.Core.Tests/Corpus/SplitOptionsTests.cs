using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

public class SplitOptionsTests
{
    [Fact]
    public void Assign_ManyStories_FractionsCloseToRequested()
    {
        var options = new SplitOptions { ValidFraction = 0.1, TestFraction = 0.2 };
        var ids = Enumerable.Range(0, 20_000).Select(i => 8_000_000L + i * 37L);

        var counts = ids.GroupBy(options.Assign).ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(counts[Split.Train] / 20_000.0, 0.69, 0.71);
        Assert.InRange(counts[Split.Valid] / 20_000.0, 0.09, 0.11);
        Assert.InRange(counts[Split.Test] / 20_000.0, 0.19, 0.21);
    }

    [Fact]
    public void Assign_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var a = new SplitOptions { Seed = 7 };
        var b = new SplitOptions { Seed = 7 };
        var c = new SplitOptions { Seed = 8 };
        var ids = Enumerable.Range(1, 5_000).Select(i => (long)i * 101).ToList();

        Assert.Equal(ids.Select(a.Assign), ids.Select(b.Assign));
        Assert.NotEqual(ids.Select(a.Assign), ids.Select(c.Assign));
    }

    [Fact]
    public void SqlExpression_InDuckDb_AgreesWithAssign()
    {
        using var temp = new TempStore();
        var options = new SplitOptions { ValidFraction = 0.25, TestFraction = 0.25, Seed = 12345 };
        var ids = Enumerable.Range(0, 3_000).Select(i => 1L + i * 7919L).Append(int.MaxValue).Append(45_000_000L).ToList();
        temp.Store.Upsert(ids.Select(id => new Item { Id = id, Type = ItemType.Story, Title = "t" }).ToList());

        var pairs = temp.Store.Stats(options);
        var expected = ids.GroupBy(options.Assign).ToDictionary(g => g.Key, g => (long)g.Count());

        foreach (var (split, count) in expected) Assert.Equal(count, pairs.Splits[split].Stories);
    }

    [Fact]
    public void Validate_BadFractions_ReportsEveryError()
    {
        var e = Assert.Throws<ArgumentException>(() => new SplitOptions { ValidFraction = -1, TestFraction = 2 }.Validate());

        Assert.Contains("valid fraction", e.Message);
        Assert.Contains("test fraction", e.Message);
    }
}
