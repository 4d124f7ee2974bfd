using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

// Fixtures/items.jsonl: 18 lines, API items and {"id","body"} wrappers mixed with bad lines,
// two blank lines, and a last line cut off without a line break.
public class JsonLinesItemReaderTests
{
    private static readonly string FixturePath = TempDirectory.Fixture("items.jsonl");
    private static readonly ItemReadResult[] Results = [.. ItemFiles.Read(FixturePath)];

    private static Item ItemWithId(long id) => Assert.Single(Results, r => r.Item?.Id == id).Item!;

    private static ReadError ErrorAt(long line) => Assert.Single(Results, r => r.Error?.Line == line).Error!;

    [Fact]
    public void Read_FixtureWithBadLines_ReturnsEveryGoodItemInFileOrder()
    {
        var ids = Results.Where(r => r.Item is not null).Select(r => r.Item!.Id);

        Assert.Equal([1L, 15, 17, 19, 20, 21, 23, 25], ids);
    }

    [Fact]
    public void Read_FixtureWithBadLines_ReportsEachBadLineByItsNumber()
    {
        var lines = Results.Where(r => r.Error is not null).Select(r => r.Error!.Line);

        Assert.Equal([5L, 7, 10, 12, 14, 16, 17, 18], lines);
        Assert.All(Results, r => Assert.True(r.Item is null != (r.Error is null)));
    }

    [Fact]
    public void Read_ApiStory_ReadsItsFields()
    {
        var story = ItemWithId(1);

        Assert.Equal(ItemType.Story, story.Type);
        Assert.Equal("Y Combinator", story.Title);
        Assert.Equal("http://ycombinator.com", story.Url);
        Assert.Equal([15L, 17L], story.Kids);
        Assert.Equal(57, story.Score);
        Assert.Equal(1160418111, story.Time);
    }

    [Fact]
    public void Read_CommentHtml_IsKeptUnchanged()
    {
        Assert.Equal("Is there anywhere to eat on Sandhill Road?<p>I&#x27;d like to know.", ItemWithId(17).Text);
    }

    [Fact]
    public void Read_WrappedItemWithItsOwnId_IsTheBody()
    {
        var item = ItemWithId(20);

        Assert.Equal("dhouston", item.By);
        Assert.Equal("Wrapped, with its own id.", item.Text);
        Assert.Equal(1, item.Parent);
    }

    [Fact]
    public void Read_WrappedItemWithoutId_TakesTheWrapperId()
    {
        var item = ItemWithId(21);

        Assert.Equal("tokyo", item.By);
        Assert.Equal("日本語のコメント 😀 and עברית", item.Text);
        Assert.Equal(ItemType.Comment, item.Type);
    }

    [Fact]
    public void Read_DeletedAndDeadItems_AreReadWithTheirFlags()
    {
        Assert.True(ItemWithId(19).Deleted);
        Assert.True(ItemWithId(25).Dead);
    }

    [Fact]
    public void Read_NumberWrittenAsString_IsAccepted()
    {
        Assert.Equal("str", ItemWithId(23).By);
    }

    [Theory]
    [InlineData(5, "'kids'")]
    [InlineData(10, "'id' is missing")]
    [InlineData(14, "'score'")]
    [InlineData(16, "'id' must be positive")]
    [InlineData(12, "'text' has the wrong type or is malformed")]
    [InlineData(18, "'text' has the wrong type or is malformed")]
    public void Read_BadLine_MessageNamesTheProblem(long line, string expected)
    {
        Assert.Contains(expected, ErrorAt(line).Message);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(17)]
    public void Read_NullItem_IsReportedAsNullItem(long line)
    {
        Assert.Equal("null item", ErrorAt(line).Message);
    }

    [Fact]
    public void Read_Error_PrintsAsFileLineMessage()
    {
        Assert.Equal($"{FixturePath}:7: null item", ErrorAt(7).ToString());
        Assert.Equal(FixturePath, ErrorAt(7).File);
    }

    [Fact]
    public void Read_WrapperAroundNonObject_IsAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("w.jsonl", "{\"id\":5,\"body\":[1,2]}\n{\"id\":6,\"body\":{\"id\":6,\"kids\":[\"x\"]}}\n");

        var errors = ItemFiles.Read(path).Select(r => r.Error!.Message).ToArray();

        Assert.Equal(2, errors.Length);
        Assert.Contains("'body'", errors[0]);
        Assert.Contains("kids", errors[1]);
    }

    [Fact]
    public void Read_TextMentioningBody_IsStillAPlainItem()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("b.jsonl", """{"id":7,"type":"comment","text":"the \"body\":{ of the request"}""");

        var item = Assert.Single(ItemFiles.Read(path)).Item;

        Assert.Equal("the \"body\":{ of the request", item?.Text);
    }
}
