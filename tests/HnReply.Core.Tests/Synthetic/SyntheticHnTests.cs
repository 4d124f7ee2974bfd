using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Core.Tests.Synthetic;

public class SyntheticHnTests
{
    private static readonly IReadOnlyList<Item> Items = SyntheticHn.Generate(stories: 150, meanCommentsPerStory: 12, seed: 9);

    [Fact]
    public void Generate_SameSeed_SameItems()
    {
        var again = SyntheticHn.Generate(stories: 150, meanCommentsPerStory: 12, seed: 9);
        var other = SyntheticHn.Generate(stories: 150, meanCommentsPerStory: 12, seed: 10);

        Assert.Equal(Items.Select(ItemJson.Write), again.Select(ItemJson.Write));
        Assert.NotEqual(Items.Select(ItemJson.Write), other.Select(ItemJson.Write));
    }

    [Fact]
    public void Generate_IdsAndTimes_IncreaseFromFirstId()
    {
        var items = SyntheticHn.Generate(stories: 5, meanCommentsPerStory: 4, seed: 1, firstId: 42);

        Assert.Equal(Enumerable.Range(42, items.Count).Select(i => (long)i), items.Select(i => i.Id));
        Assert.All(items.Zip(items.Skip(1)), pair => Assert.True(pair.First.Time < pair.Second.Time));
    }

    [Fact]
    public void Generate_Threads_ParentsKidsDepthAndDescendantsAgree()
    {
        var byId = Items.ToDictionary(i => i.Id);
        foreach (var item in Items)
        {
            foreach (var kid in item.Kids) Assert.Equal(item.Id, byId[kid].Parent);
            if (item.Type == ItemType.Story)
            {
                Assert.Null(item.Parent);
                Assert.Equal(Subtree(item).Count(c => !c.Deleted && !c.Dead), item.Descendants);
                continue;
            }
            var parent = byId[item.Parent!.Value];
            Assert.Contains(item.Id, parent.Kids);
            Assert.True(parent.Time < item.Time);
            Assert.InRange(Depth(item), 1, 5);
        }

        IEnumerable<Item> Subtree(Item root) => root.Kids.SelectMany(k => Subtree(byId[k]).Prepend(byId[k]));
        int Depth(Item item) => item.Parent is { } p ? 1 + Depth(byId[p]) : 0;
    }

    [Fact]
    public void Generate_CommentsPerStory_AverageNearTheMean()
    {
        var stories = Items.Count(i => i.Type == ItemType.Story);
        var comments = Items.Count(i => i.Type == ItemType.Comment);

        Assert.Equal(150, stories);
        Assert.InRange(comments / (double)stories, 9, 15);
    }

    [Theory]
    [InlineData("<p>")]
    [InlineData("&#x27;")]
    [InlineData("&quot;")]
    [InlineData("&#x2F;")]
    [InlineData("<a href=\"https:&#x2F;&#x2F;")]
    [InlineData("rel=\"nofollow\"")]
    [InlineData("<i>")]
    [InlineData("&gt; ")]
    [InlineData("<pre><code>")]
    public void Generate_CommentText_UsesHnHtml(string fragment)
    {
        Assert.Contains(Items, i => i.Type == ItemType.Comment && i.Text?.Contains(fragment, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Generate_Comments_IncludeDeletedDeadAndNonAscii()
    {
        var comments = Items.Where(i => i.Type == ItemType.Comment).ToArray();

        Assert.Contains(comments, c => c.Deleted && c.Text is null && c.By is null);
        Assert.Contains(comments, c => c.Dead && c.Text is not null);
        Assert.Contains(comments, c => c.Text?.Any(ch => ch > 127) == true);
        Assert.All(comments.Where(c => !c.Deleted), c => Assert.False(string.IsNullOrWhiteSpace(c.By)));
    }

    [Fact]
    public void Generate_Stories_HaveTitlesScoresAndUrlOrText()
    {
        Assert.All(Items.Where(i => i.Type == ItemType.Story), story =>
        {
            Assert.False(string.IsNullOrWhiteSpace(story.Title));
            Assert.InRange(story.Score ?? 0, 1, 2000);
            Assert.True(story.Url is not null ^ story.Text is not null);
        });
    }
}
