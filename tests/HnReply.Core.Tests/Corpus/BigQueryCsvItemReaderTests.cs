using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

// Fixtures/items.csv: BigQuery's header, 18 physical lines, rows with quoted multi-line text,
// a blank line, and bad rows (id, field count, quoting, boolean, time).
public class BigQueryCsvItemReaderTests
{
    private static readonly string FixturePath = TempDirectory.Fixture("items.csv");
    private static readonly ItemReadResult[] Results = [.. ItemFiles.Read(FixturePath)];

    private static Item ItemWithId(long id) => Assert.Single(Results, r => r.Item?.Id == id).Item!;

    private static ReadError ErrorAt(long line) => Assert.Single(Results, r => r.Error?.Line == line).Error!;

    [Fact]
    public void Read_FixtureWithBadRows_ReturnsEveryGoodItemInFileOrder()
    {
        var ids = Results.Where(r => r.Item is not null).Select(r => r.Item!.Id);

        Assert.Equal([1L, 15, 17, 19, 20, 22, 24, 26], ids);
    }

    [Fact]
    public void Read_FixtureWithBadRows_ReportsEachBadRowAtItsFirstLine()
    {
        var lines = Results.Where(r => r.Error is not null).Select(r => r.Error!.Line);

        Assert.Equal([6L, 7, 10, 15, 17], lines);
    }

    [Fact]
    public void Read_StoryRow_ReadsEveryColumn()
    {
        var story = ItemWithId(1);

        Assert.Equal(
            new Item
            {
                Id = 1, Type = ItemType.Story, By = "pg", Time = 1160418111, Title = "Y Combinator",
                Url = "http://ycombinator.com", Score = 57, Descendants = 15,
            },
            story with { Kids = [] });
    }

    [Fact]
    public void Read_QuotedTextOverTwoLines_KeepsLineBreakCommaAndQuotes()
    {
        var comment = ItemWithId(15);

        Assert.Equal("First line.<p>Second, with a comma and \"quotes\".\nThird physical line", comment.Text);
        Assert.Equal(1, comment.Parent);
        Assert.Null(comment.Title);
    }

    [Fact]
    public void Read_QuotedTextWithBlankLine_KeepsTheBlankLine()
    {
        Assert.Equal("para one\n\npara three", ItemWithId(22).Text);
    }

    [Fact]
    public void Read_EmptyTimeWithTimestamp_TakesTheTimestamp()
    {
        Assert.Equal(1160423565, ItemWithId(17).Time);
        Assert.Equal(1160424000, ItemWithId(24).Time);
    }

    [Fact]
    public void Read_BooleansInAnyCase_AreRead()
    {
        Assert.True(ItemWithId(19).Deleted);
        Assert.True(ItemWithId(20).Dead);
        Assert.False(ItemWithId(20).Deleted);
        Assert.Null(ItemWithId(19).Text);
    }

    [Fact]
    public void Read_UnicodeText_IsKept()
    {
        Assert.Equal("[flagged] 😀 日本語 עברית", ItemWithId(20).Text);
    }

    [Fact]
    public void Read_JobRow_ReadsTypeAndTitle()
    {
        var job = ItemWithId(26);

        Assert.Equal(ItemType.Job, job.Type);
        Assert.Equal("Hiring engineers", job.Title);
        Assert.Null(job.Parent);
    }

    [Theory]
    [InlineData(6, "field 'id' is not a whole number: 'abc'")]
    [InlineData(7, "the row has 10 fields, the header has 14")]
    [InlineData(10, "bad quoting")]
    [InlineData(15, "field 'dead' is not true or false: 'maybe'")]
    [InlineData(17, "field 'time' is not a whole number: 'soon'")]
    public void Read_BadRow_MessageNamesTheProblem(long line, string expected)
    {
        Assert.Contains(expected, ErrorAt(line).Message);
    }

    [Fact]
    public void Read_ColumnsInAnyOrderWithOptionalOnesMissing_MatchesByName()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("few.csv", "Text, ID ,type\n\"Hello, world\",42,COMMENT\n");

        var item = Assert.Single(ItemFiles.Read(path)).Item;

        Assert.Equal(new Item { Id = 42, Type = ItemType.Comment, Text = "Hello, world" }, item! with { Kids = [] });
    }

    [Fact]
    public void Read_HeaderWithoutId_ThrowsNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("noid.csv", "title,text\na,b\n");

        var e = Assert.Throws<FormatException>(() => ItemFiles.Read(path).ToList());

        Assert.Contains(path, e.Message);
        Assert.Contains("'id'", e.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_ReportsTheRowWhereItStarts()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("open.csv", "id,text\n1,fine\n2,\"never closed\n3,swallowed\n");

        var results = ItemFiles.Read(path).ToList();

        Assert.Equal(1, Assert.Single(results, r => r.Item is not null).Item!.Id);
        Assert.Equal(3, Assert.Single(results, r => r.Error is not null).Error!.Line);
    }

    [Theory]
    [InlineData("2014-01-01 12:00:00 UTC")]
    [InlineData("2014-01-01 12:00:00.250000 UTC")]
    [InlineData("2014-01-01T12:00:00Z")]
    [InlineData("2014-01-01T13:00:00+01:00")]
    public void Read_TimestampFormats_GiveUnixSeconds(string timestamp)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ts.csv", $"id,time,timestamp\n5,,{timestamp}\n");

        var item = Assert.Single(ItemFiles.Read(path)).Item;

        Assert.Equal(1388577600, item?.Time);
    }

    [Fact]
    public void Read_BadTimestamp_IsAnErrorNamingTheField()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ts.csv", "id,time,timestamp\n5,,yesterday\n");

        var error = Assert.Single(ItemFiles.Read(path)).Error;

        Assert.Equal(2, error?.Line);
        Assert.Contains("'timestamp'", error?.Message);
    }
}
