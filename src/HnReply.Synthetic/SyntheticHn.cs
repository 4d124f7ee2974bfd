using HnReply.Corpus;

namespace HnReply.Synthetic;

/// <summary>
/// Deterministic Hacker News-like data: stories with comment trees whose ids, parents, kids,
/// descendants and times agree, in HN's HTML. Same arguments, same items, on every machine.
/// </summary>
public static class SyntheticHn
{
    private const int MaxDepth = 5;
    private const long FirstTime = 1_700_000_000;

    private sealed class Node(long id, long time, int depth, IReadOnlyList<string> sentences, string[] nouns)
    {
        public long Id { get; } = id;
        public long Time { get; } = time;
        public int Depth { get; } = depth;
        public IReadOnlyList<string> Sentences { get; } = sentences;
        public string[] Nouns { get; } = nouns;
        public List<long> Kids { get; } = [];
        public Item Item { get; set; } = null!;
    }

    /// <summary>
    /// <paramref name="stories"/> stories with on average <paramref name="meanCommentsPerStory"/> comments
    /// each (exponentially distributed), comments up to five deep. Ids increase from
    /// <paramref name="firstId"/>: a story, then its comments in the order they were written. About 2% of
    /// comments are deleted (no author or text, kids kept) and 2% dead. Returned in id order.
    /// </summary>
    public static IReadOnlyList<Item> Generate(int stories, int meanCommentsPerStory, int seed, long firstId = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stories);
        ArgumentOutOfRangeException.ThrowIfNegative(meanCommentsPerStory);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstId, 1);
        var random = new Random(seed);
        var text = new SyntheticText(random);
        var users = Enumerable.Range(0, 50 + stories).Select(_ => text.UserName()).Distinct().ToArray();
        var items = new List<Item>();
        var nextId = firstId;
        // One clock for all items, so times grow with ids as on HN, and a reply is always younger than its parent.
        var clock = FirstTime;
        for (var s = 0; s < stories; s++)
        {
            var topic = random.Next(SyntheticText.Topics.Length);
            var story = new Node(nextId++, clock += 1 + random.Next(300), 0, [], []);
            var comments = new List<Node>();
            var count = (int)Math.Round(-meanCommentsPerStory * Math.Log(1 - random.NextDouble()));
            for (var c = 0; c < count; c++)
            {
                var parent = ChooseParent(random, story, comments);
                var sentences = text.Comment(topic, parent.Nouns.Length > 0 ? parent.Nouns : null);
                var nouns = SyntheticText.Topics[topic]
                    .Where(noun => sentences.Any(sentence => sentence.Contains(noun, StringComparison.OrdinalIgnoreCase)))
                    .ToArray();
                var node = new Node(nextId++, clock += 1 + random.Next(300), parent.Depth + 1, sentences, nouns);
                var quote = parent.Sentences.Count > 0 && random.NextDouble() < 0.25
                    ? parent.Sentences[random.Next(parent.Sentences.Count)]
                    : null;
                var roll = random.NextDouble();
                node.Item = new Item
                {
                    Id = node.Id,
                    Type = ItemType.Comment,
                    Parent = parent.Id,
                    Time = node.Time,
                    By = roll < 0.02 ? null : users[random.Next(users.Length)],
                    Text = roll < 0.02 ? null : text.ToHtml(sentences, quote),
                    Deleted = roll < 0.02,
                    Dead = roll is >= 0.02 and < 0.04,
                };
                parent.Kids.Add(node.Id);
                comments.Add(node);
            }
            items.Add(Story(random, text, topic, story, users, comments.Count(c => !c.Item.Deleted && !c.Item.Dead)));
            items.AddRange(comments.Select(c => c.Item with { Kids = [.. c.Kids] }));
        }
        return items;
    }

    // A third of comments answer the story; the rest answer an earlier comment, favouring recent ones
    // as a live thread does, and never below MaxDepth.
    private static Node ChooseParent(Random random, Node story, List<Node> comments)
    {
        if (comments.Count == 0 || random.NextDouble() < 0.33) return story;
        for (var tries = 0; tries < 4; tries++)
        {
            var recent = Math.Min(comments.Count, 12);
            var candidate = comments[comments.Count - 1 - random.Next(recent)];
            if (candidate.Depth < MaxDepth) return candidate;
        }
        return story;
    }

    private static Item Story(Random random, SyntheticText text, int topic, Node story, string[] users, int descendants)
    {
        var title = text.Title(topic);
        var ask = title.StartsWith("Ask HN", StringComparison.Ordinal);
        return new Item
        {
            Id = story.Id,
            Type = ItemType.Story,
            By = users[random.Next(users.Length)],
            Time = story.Time,
            Title = title,
            Url = ask ? null : text.Url(),
            Text = ask ? text.ToHtml(text.Comment(topic, null), null) : null,
            Score = 1 + (int)Math.Exp(random.NextDouble() * 7),
            Descendants = descendants,
            Kids = [.. story.Kids],
        };
    }
}
