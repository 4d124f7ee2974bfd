using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Core.Tests.Prediction;

public class TopWordsTests
{
    [Fact]
    public void Select_RandomDistributions_EqualsFullSortOfWords()
    {
        var random = new Random(3);
        var vocabulary = Vocabulary.FromTokens([.. Enumerable.Range(0, 200).Select(i => i % 7 == 0 ? $"{new string('.', i % 3 + 1)}{i}!" : $"w{i}"), ",", "."]);
        for (int trial = 0; trial < 100; trial++)
        {
            var p = Enumerable.Range(0, vocabulary.Count).Select(_ => random.Next(5) == 0 ? 0f : random.Next(1, 30) / 30f).ToArray();
            int k = random.Next(0, 12);
            var best = new int[k];

            int found = TopWords.Select(p, vocabulary.WordMask, best);

            var expected = Enumerable.Range(0, p.Length).Where(id => p[id] > 0 && vocabulary.IsWord(id))
                .OrderByDescending(id => p[id]).ThenBy(id => id).Take(k).ToArray();
            Assert.Equal(expected, best[..found]);
        }
    }

    [Theory]
    [InlineData("hello", true)]
    [InlineData("42", true)]
    [InlineData("don't", true)]
    [InlineData("https://example.com", true)]
    [InlineData(",", false)]
    [InlineData("...", false)]
    [InlineData("<unk>", false)]
    [InlineData("</s>", false)]
    [InlineData("<code>", false)]
    public void IsWordToken_FollowsTheRule(string token, bool word)
    {
        Assert.Equal(word, Vocabulary.IsWordToken(token));
    }
}
