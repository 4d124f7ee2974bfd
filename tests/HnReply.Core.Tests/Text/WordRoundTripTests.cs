using System.Text;
using System.Text.RegularExpressions;
using HnReply.Corpus;
using HnReply.Synthetic;
using HnReply.Text;

namespace HnReply.Core.Tests.Text;

// Properties of detokenize(tokenize(s)): natural text comes back as written (up to runs of
// whitespace), code comes back as its placeholder, and for any text no visible character is lost,
// added or moved.
public partial class WordRoundTripTests
{
    private static readonly ITokenizer Word = Tokenizers.Create(new TokenizerOptions());

    public static TheoryData<string> NaturalTexts =>
    [
        "I don't think it's fair, but we'll see (maybe).",
        "They've said I'm late — it's 5 o'clock!",
        "don’t and it’s with typographic apostrophes.",
        "Family 👨‍👩‍👧 and flags 🇺🇸 with 👍🏽 skin tone 🙂",
        "日本語のテキスト。中文，测试！",
        "Fish & chips, 5 < 6 > 3 and AT&T; café naïve façade.",
        "See https://en.wikipedia.org/wiki/Foo_(bar).",
        "(source: https://example.com/search?q=a+b&lang=en#top)",
        "Visit www.example.com/path, then https://x.org/a_(b)_c!",
        "It costs $1,000.50, or 3.14% of 10M users in 2024; -5 degrees.",
        "State-of-the-art C++ and C# at 10:30, e.g. node.js.",
        "He said \"hello there\" and 'goodbye' then left...",
        "> quoted line\n\nMy reply here.\n\nAnother paragraph?!",
        "Wait... what?! [citation needed] {braces} are fine.",
        "The users' data and the students' work.",
        "“Smart quotes” and ‘single smart’ ones.",
        "Email me@example.com about .NET, #1 and +1.",
        "The 2010–2020 range — roughly 1.5x, not 2x.",
        "Run `make test` and `ls`, then retry.",
    ];

    [Theory]
    [MemberData(nameof(NaturalTexts))]
    public void Detokenize_NaturalText_GivesTheTextBack(string text)
    {
        Assert.Equal(CollapseSpaces(text), CollapseSpaces(Word.Detokenize(Word.Tokenize(text))));
    }

    [Fact]
    public void Detokenize_FencedCode_ComesBackAsPlaceholderBetweenParagraphs()
    {
        var text = "Try this:\n\n```\nfn main() {\n\n    println!(\"hi\");\n}\n```\n\nThen run it.";

        Assert.Equal("Try this:\n\n<code>\n\nThen run it.", Word.Detokenize(Word.Tokenize(text)));
    }

    [Fact]
    public void RoundTrip_SyntheticHnComments_KeepsEveryVisibleCharacterAndIsStable()
    {
        var texts = SyntheticHn.Generate(stories: 40, meanCommentsPerStory: 25, seed: 3)
            .Select(item => HtmlText.ToPlainText(item.Text)).Where(text => text.Length > 0).ToList();
        Assert.True(texts.Count > 500, $"only {texts.Count} texts");

        foreach (var text in texts)
        {
            var tokens = Word.Tokenize(text);
            var back = Word.Detokenize(tokens);

            Assert.Equal(Visible(FencedCode().Replace(text, "<code>")), Visible(back));
            // The code placeholder is text on the way back: markers cannot be forged from text.
            Assert.Equal(tokens.SelectMany(t => t == "<code>" ? ["<", "code", ">"] : new[] { t }), Word.Tokenize(back));
        }
    }

    [Fact]
    public void Tokenize_RandomText_TokensAreNonEmptyWithoutSpacesAndKeepCharacters()
    {
        var random = new Random(11);
        string[] pieces = ["a", "Z", "é", "e\u0301", "7", ".", ",", "'", "’", "\"", "-", "+", "#", "@", "/", "&", ":", "(", ")", "[", "]", "$", "%",
            "…", "😀", "👨‍👩‍👧", "🇺🇸", "日", "。", "http://", "www.", "<", ">", "_", "?", "!", " ", "  ", "\n", "\n\n", "\t", "\uD800"];
        for (var n = 0; n < 3000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 30); k > 0; k--) text.Append(pieces[random.Next(pieces.Length)]);

            var tokens = Word.Tokenize(text.ToString());

            Assert.All(tokens, token => Assert.False(token.Length == 0 || token.Any(char.IsWhiteSpace) || token is "<s>" or "</s>", $"token \"{token}\" of \"{text}\""));
            Assert.Equal(Visible(text.ToString()), Visible(string.Concat(tokens.Where(t => t != "<p>"))));
        }
    }

    private static string CollapseSpaces(string text) =>
        string.Join("\n\n", text.Split("\n\n").Select(paragraph => Spaces().Replace(paragraph, " ").Trim()));

    private static string Visible(string text) => Spaces().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?m)^```[^\n]*\n[\s\S]*?\n```$")]
    private static partial Regex FencedCode();
}
