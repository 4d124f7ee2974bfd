using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

public class HtmlTextIsUsableTests
{
    private static readonly Item Comment = new() { Id = 2, Type = ItemType.Comment, Parent = 1, Text = "Good point.<p>Agreed." };

    [Fact]
    public void IsUsable_CommentWithText_IsTrue()
    {
        Assert.True(HtmlText.IsUsable(Comment));
    }

    [Fact]
    public void IsUsable_StoryWithTitleOnly_IsTrue()
    {
        Assert.True(HtmlText.IsUsable(new Item { Id = 1, Type = ItemType.Story, Title = "Show HN: a thing" }));
    }

    [Fact]
    public void IsUsable_DeletedItem_IsFalse()
    {
        Assert.False(HtmlText.IsUsable(Comment with { Deleted = true }));
    }

    [Fact]
    public void IsUsable_DeadItem_IsFalse()
    {
        Assert.False(HtmlText.IsUsable(Comment with { Dead = true }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<p> </p><i></i>")]
    [InlineData("&nbsp;<p>&gt;")]
    public void IsUsable_NoTextAndNoTitle_IsFalse(string? text)
    {
        Assert.False(HtmlText.IsUsable(Comment with { Text = text }));
    }
}
