using System.Text;
using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

public class ItemJsonTests
{
    [Fact]
    public void Parse_ApiStory_ReadsEveryField()
    {
        var json = """{"by":"dhouston","descendants":71,"id":8863,"kids":[8952,9224],"score":111,"time":1175714200,"title":"My YC app: Dropbox","type":"story","url":"http://www.getdropbox.com/u/2/screencast.html"}""";

        var item = ItemJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(8863, item.Id);
        Assert.Equal(ItemType.Story, item.Type);
        Assert.Equal("dhouston", item.By);
        Assert.Equal([8952L, 9224L], item.Kids);
        Assert.Equal(111, item.Score);
        Assert.Equal(71, item.Descendants);
        Assert.Equal("My YC app: Dropbox", item.Title);
        Assert.False(item.Deleted);
    }

    [Fact]
    public void Parse_MissingId_NamesTheField()
    {
        var e = Assert.Throws<FormatException>(() => ItemJson.Parse("""{"type":"comment"}"""u8));
        Assert.Contains("'id'", e.Message);
    }

    [Fact]
    public void Parse_WrongTypeOfField_NamesTheField()
    {
        var e = Assert.Throws<FormatException>(() => ItemJson.Parse("""{"id":1,"kids":"nope"}"""u8));
        Assert.Contains("kids", e.Message);
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var item = new Item { Id = 5, Type = ItemType.Comment, Text = "a &amp; b", Parent = 4, Kids = [6, 7], Dead = true };

        var back = ItemJson.Parse(Encoding.UTF8.GetBytes(ItemJson.Write(item)));

        Assert.Equal(item with { Kids = back.Kids }, back);
        Assert.Equal(item.Kids, back.Kids);
    }

    [Fact]
    public void Write_HtmlText_IsWrittenAsTheApiDoesWithoutEscapes()
    {
        var item = new Item { Id = 1, Type = ItemType.Comment, Text = "it's <p>a & b" };

        Assert.Equal("""{"id":1,"type":"comment","text":"it's <p>a & b"}""", ItemJson.Write(item));
    }
}
