using HnReply.Text;

namespace HnReply.Core.Tests.Text;

// Exact tokens for representative HN sentences, one rule of the word tokenizer per case.
public class WordTokenizerTests
{
    private static readonly ITokenizer Word = Tokenizers.Create(new TokenizerOptions());

    public static TheoryData<string, string[]> Sentences => new()
    {
        { "I don't think it's fair, but we'll see (maybe).", ["I", "don't", "think", "it's", "fair", ",", "but", "we'll", "see", "(", "maybe", ")", "."] },
        { "They've said I’m late at 5 o'clock", ["They've", "said", "I’m", "late", "at", "5", "o'clock"] },
        { "See https://en.wikipedia.org/wiki/Foo_(bar)). Next", ["See", "https://en.wikipedia.org/wiki/Foo_(bar)", ")", ".", "Next"] },
        { "Go to www.example.com/a?b=1&c=2, or HTTP://x.org/p?q=[1].", ["Go", "to", "www.example.com/a?b=1&c=2", ",", "or", "HTTP://x.org/p?q=[1]", "."] },
        { "(source: https://example.com/search?q=a+b&lang=en#top)", ["(", "source", ":", "https://example.com/search?q=a+b&lang=en#top", ")"] },
        { "It costs $1,000.50 or 3.14% of 10M users in 2024, -5 degrees", ["It", "costs", "$", "1,000.50", "or", "3.14", "%", "of", "10M", "users", "in", "2024", ",", "-5", "degrees"] },
        { "A state-of-the-art C++ and C# build at 10:30.", ["A", "state-of-the-art", "C++", "and", "C#", "build", "at", "10:30", "."] },
        { "e.g. node.js at me@example.com and .NET is #1 +1", ["e.g", ".", "node.js", "at", "me@example.com", "and", ".NET", "is", "#1", "+1"] },
        { "Family 👨‍👩‍👧 flag 🇺🇸 ok👍🏽 → done", ["Family", "👨‍👩‍👧", "flag", "🇺🇸", "ok", "👍🏽", "→", "done"] },
        { "Wait... what?! -- really", ["Wait", "...", "what", "?!", "--", "really"] },
        { "AT&T vs. Tom & Jerry: 5 < 6", ["AT&T", "vs", ".", "Tom", "&", "Jerry", ":", "5", "<", "6"] },
        { "the users' data and 'quoted words' here", ["the", "users'", "data", "and", "'", "quoted", "words", "'", "here"] },
        { "He said \"it's 'fine'\"", ["He", "said", "\"", "it's", "'", "fine", "'", "\""] },
        { "日本語のテキスト。中文，测试！", ["日本語のテキスト", "。", "中文", "，", "测试", "！"] },
        { "naïve café with e\u0301 and a - b", ["naïve", "café", "with", "e\u0301", "and", "a", "-", "b"] },
        { "use <p> and <code> tags", ["use", "<", "p", ">", "and", "<", "code", ">", "tags"] },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Tokenize_Sentence_GivesExpectedTokens(string text, string[] expected)
    {
        Assert.Equal(expected, Word.Tokenize(text));
    }

    [Fact]
    public void Tokenize_QuoteProseAndCode_BecomeMarkers()
    {
        var text = "> quoted text\n\nMy reply.\n\n```\ncode here\n\n  more(x)\n```\n\nAfter.";

        Assert.Equal([">", "quoted", "text", "<p>", "My", "reply", ".", "<p>", "<code>", "<p>", "After", "."], Word.Tokenize(text));
    }

    [Fact]
    public void Tokenize_GreaterThanInsideParagraph_IsPunctuationNotQuote()
    {
        Assert.Equal(["a", ">", "b", "<p>", ">", "no", "space"], Word.Tokenize("a > b\n\n>no space"));
    }

    [Theory]
    [InlineData("\n\n  Hello  \n \n\n")]
    [InlineData("\r\n\r\nHello\r\n")]
    [InlineData("\u200BHello\uFEFF\u00A0")]
    public void Tokenize_WhitespaceAroundText_GivesNoMarkers(string text)
    {
        Assert.Equal(["Hello"], Word.Tokenize(text));
    }

    [Theory]
    [InlineData("one\ntwo", new[] { "one", "two" })]
    [InlineData("one\r\n\r\ntwo", new[] { "one", "<p>", "two" })]
    [InlineData("one\n \t\ntwo", new[] { "one", "<p>", "two" })]
    [InlineData("one\r\rtwo", new[] { "one", "<p>", "two" })]
    public void Tokenize_LineBreaks_OnlyBlankLinesBreakParagraphs(string text, string[] expected)
    {
        Assert.Equal(expected, Word.Tokenize(text));
    }

    [Theory]
    [InlineData("```inline``` code", new[] { "```", "inline", "```", "code" })]
    [InlineData("x\n\n```python\nprint(1)\n\nopen", new[] { "x", "<p>", "<code>" })]
    [InlineData("see:\n```\na\n```\nafter", new[] { "see", ":", "<code>", "after" })]
    [InlineData("not ``` a fence", new[] { "not", "```", "a", "fence" })]
    public void Tokenize_Backticks_FenceOnlyAtLineStart(string text, string[] expected)
    {
        Assert.Equal(expected, Word.Tokenize(text));
    }

    [Fact]
    public void Tokenize_Lowercase_FoldsWordsButNotMarkersOrUrls()
    {
        var tokenizer = Tokenizers.Create(new TokenizerOptions { Lowercase = true });

        var tokens = tokenizer.Tokenize("Hello WORLD Ünïcode https://Example.com/Path\n\n```\nCode\n```");

        Assert.Equal(["hello", "world", "ünïcode", "https://Example.com/Path", "<p>", "<code>"], tokens);
    }

    [Fact]
    public void Tokenize_ManyThreads_SameTokensAsOneThread()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"Item {i}: don't stop at https://x.org/{i}.\n\n> quote {i} 🙂").ToArray();
        var expected = texts.Select(Word.Tokenize).ToArray();

        var parallel = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(Word.Tokenize).ToArray();

        Assert.Equal(expected, parallel);
    }

    [Theory]
    [InlineData("https://x.org/a", 200_000)]
    [InlineData("http://.", 200_000)]
    [InlineData("```\n", 200_000)]
    public async Task Tokenize_AdversarialRepeats_TakesLinearTime(string unit, int repeats)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeats / unit.Length)) + new string(')', repeats);

        // Linear time takes milliseconds; quadratic time on 400,000 characters takes many minutes. The
        // bound only catches that blow-up, so a busy machine never fails it.
        var tokens = await Task.Run(() => Word.Tokenize(text)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotEmpty(tokens);
    }
}
