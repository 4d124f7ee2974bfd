using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

// One test per rule of HtmlText's contract, on HTML shaped like the API's `text` field.
public class HtmlTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t  ")]
    public void ToPlainText_NullEmptyOrWhitespace_ReturnsEmpty(string? html)
    {
        Assert.Equal("", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_ParagraphTags_SeparateParagraphsWithOneBlankLine()
    {
        var text = HtmlText.ToPlainText("First point.<p>Second point.<p>Third point.");

        Assert.Equal("First point.\n\nSecond point.\n\nThird point.", text);
    }

    [Fact]
    public void ToPlainText_EmptyParagraphs_AddNoExtraBlankLines()
    {
        var text = HtmlText.ToPlainText("<p>First.<p><p>  <p>Second.</p><p>");

        Assert.Equal("First.\n\nSecond.", text);
    }

    [Fact]
    public void ToPlainText_LinkShowingTruncatedUrl_BecomesFullHref()
    {
        var html = "See <a href=\"https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;long&#x2F;path?q=1\" rel=\"nofollow\">https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;lon...</a> for details.";

        Assert.Equal("See https://example.com/a/very/long/path?q=1 for details.", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_LinkShowingWholeUrl_BecomesHref()
    {
        var html = "<a href=\"https:&#x2F;&#x2F;news.ycombinator.com&#x2F;item?id=8863\" rel=\"nofollow\">https:&#x2F;&#x2F;news.ycombinator.com&#x2F;item?id=8863</a>";

        Assert.Equal("https://news.ycombinator.com/item?id=8863", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_LinkWithItsOwnText_BecomesThatText()
    {
        var html = "Read <a href=\"https:&#x2F;&#x2F;docs.example.org&#x2F;guide\">the guide</a> first.";

        Assert.Equal("Read the guide first.", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_LinkTextThatIsNotAPrefixOfHref_IsKept()
    {
        var html = "<a href=\"https:&#x2F;&#x2F;evil.example&#x2F;x\">https:&#x2F;&#x2F;bank.example&#x2F;lo...</a>";

        Assert.Equal("https://bank.example/lo...", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_Italics_BecomeTheirTextWithoutMarkers()
    {
        Assert.Equal("This is really important.", HtmlText.ToPlainText("This is <i>really</i> important."));
    }

    [Fact]
    public void ToPlainText_CodeBlock_KeepsWhitespaceBetweenFenceLines()
    {
        var html = "Try this:<p><pre><code>  def f(x):\n      return x * 2\n\n  print(f(3))\n</code></pre>";

        var text = HtmlText.ToPlainText(html);

        Assert.Equal("Try this:\n\n```\n  def f(x):\n      return x * 2\n\n  print(f(3))\n```", text);
    }

    [Fact]
    public void ToPlainText_EntitiesInCode_AreDecoded()
    {
        var html = "<pre><code>if (a &lt; b &amp;&amp; s == &quot;x&quot;) return &#x27;y&#x27;;</code></pre>";

        Assert.Equal("```\nif (a < b && s == \"x\") return 'y';\n```", HtmlText.ToPlainText(html));
    }

    [Theory]
    [InlineData("it&#x27;s", "it's")]
    [InlineData("say &quot;hi&quot;", "say \"hi\"")]
    [InlineData("a&#x2F;b", "a/b")]
    [InlineData("R&amp;D", "R&D")]
    [InlineData("2 &gt; 1", "2 > 1")]
    [InlineData("1 &lt; 2", "1 < 2")]
    [InlineData("caf&eacute; &hellip; &nbsp;x", "café … x")]
    [InlineData("&#39;decimal&#39; &#8212; dash", "'decimal' — dash")]
    [InlineData("smile &#x1F600;", "smile 😀")]
    public void ToPlainText_Entities_AreDecoded(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Theory]
    [InlineData("&gt; quoted line from parent", "> quoted line from parent")]
    [InlineData("&gt;no space after marker", "> no space after marker")]
    [InlineData("   &gt;    spaced   out", "> spaced out")]
    [InlineData("&gt;&gt; doubled marker", "> doubled marker")]
    [InlineData("<i>&gt; quoted in italics</i>", "> quoted in italics")]
    [InlineData("> raw marker", "> raw marker")]
    public void ToPlainText_QuoteParagraph_GetsOneNormalisedPrefix(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_QuoteMarkerWithNothingAfterIt_IsDropped()
    {
        Assert.Equal("Reply.", HtmlText.ToPlainText("&gt;<p>Reply."));
    }

    [Theory]
    [InlineData("  many   spaces\tand\nnewlines  ", "many spaces and newlines")]
    [InlineData("  many <i> spaces </i>\n and <b>tags</b>  ", "many spaces and tags")]
    public void ToPlainText_WhitespaceInParagraph_CollapsesAndTrims(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_TypicalHnComment_AppliesEveryRule()
    {
        var html = "First para.<p>Second &#x27;para&#x27; with <a href=\"https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;long&#x2F;path\" rel=\"nofollow\">https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;lon...</a> and <i>emphasis</i>.<p>&gt; quoted line from parent<p><pre><code>  code block\n    indented\n</code></pre>";

        var text = HtmlText.ToPlainText(html);

        Assert.Equal(
            "First para.\n\nSecond 'para' with https://example.com/a/very/long/path and emphasis.\n\n> quoted line from parent\n\n```\n  code block\n    indented\n```",
            text);
    }

    [Fact]
    public void ToPlainText_CodeBetweenParagraphs_IsItsOwnBlock()
    {
        var html = "Before:<pre><code>x = 1</code></pre>After the code, <i>still</i> text.";

        Assert.Equal("Before:\n\n```\nx = 1\n```\n\nAfter the code, still text.", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_UnicodeText_PassesThroughUnchanged()
    {
        var html = "Emoji 👍🏽 and 🇯🇵, CJK 日本語のテキスト, RTL עברית and العربية, combining e\u0301.<p>Zero&#x2D;width\u200Bjoiner stays.";

        var text = HtmlText.ToPlainText(html);

        Assert.Equal("Emoji 👍🏽 and 🇯🇵, CJK 日本語のテキスト, RTL עברית and العربية, combining e\u0301.\n\nZero-width\u200Bjoiner stays.", text);
    }
}
