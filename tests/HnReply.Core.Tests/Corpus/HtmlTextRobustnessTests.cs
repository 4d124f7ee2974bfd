using System.Text;
using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

// Nested and malformed markup, the plain-text shortcut, and parallel callers.
public class HtmlTextRobustnessTests
{
    [Fact]
    public void ToPlainText_NestedInlineTags_KeepTextInOrder()
    {
        var html = "<i>outer <b>bold <a href=\"https://a.example/x\">https://a.example/x</a> <code>inline()</code></b> end</i> tail";

        Assert.Equal("outer bold https://a.example/x inline() end tail", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_UnclosedItalicAcrossParagraphs_KeepsBothParagraphs()
    {
        Assert.Equal("never closed\n\nnext one", HtmlText.ToPlainText("<i>never closed<p>next one"));
    }

    [Fact]
    public void ToPlainText_CodeBlockInsideUnclosedItalic_IsStillACodeBlock()
    {
        var html = "<i>before<pre><code>x  y</code></pre>after";

        Assert.Equal("before\n\n```\nx  y\n```\n\nafter", HtmlText.ToPlainText(html));
    }

    [Theory]
    [InlineData("<a href=\"https://x.example\">unclosed link text", "unclosed link text")]
    [InlineData("text then a broken tag <b", "text then a broken tag")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("stray </i></b> closers", "stray closers")]
    [InlineData("a stray </p> breaks like browsers do", "a stray\n\nbreaks like browsers do")]
    [InlineData("<pre><code>never closed\n  code", "```\nnever closed\n  code\n```")]
    [InlineData("AT&T &bogus; &#xZZ; &", "AT&T &bogus; &#xZZ; &")]
    public void ToPlainText_MalformedHtml_RecoversTheText(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_ScriptAndComments_AreDropped()
    {
        var html = "Visible<script>alert('x')</script> text<!-- hidden --> here.";

        Assert.Equal("Visible text here.", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_DeeplyNestedTags_DoesNotOverflowTheStack()
    {
        var html = string.Concat(Enumerable.Repeat("<span>", 100_000)) + "deep";

        Assert.Equal("deep", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void ToPlainText_TextWithoutMarkup_MatchesTheParserPath()
    {
        // The shortcut for text with no '<' and no '&' must give what the HTML parser gives.
        const string alphabet = "ab >\n\r\t\u00A0\u2028\u0000\u0001\uFEFFé日😀.";
        var random = new Random(20240501);
        var runes = alphabet.EnumerateRunes().ToArray();
        for (var i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(1, 40);
            for (var j = 0; j < length; j++) sb.Append(runes[random.Next(runes.Length)].ToString());
            var text = sb.ToString();
            if (string.IsNullOrWhiteSpace(text)) continue;

            Assert.Equal(HtmlText.ParseAndWrite(text), HtmlText.ToPlainText(text));
        }
    }

    [Fact]
    public void ToPlainText_ManyThreadsAtOnce_GiveTheSingleThreadResult()
    {
        var inputs = Enumerable.Range(0, 64)
            .Select(i => $"Comment {i} &#x27;quoted&#x27;<p>&gt; parent {i}<p><pre><code>  line {i}\n</code></pre>")
            .ToArray();
        var expected = inputs.Select(HtmlText.ToPlainText).ToArray();
        var actual = new string[inputs.Length * 50];

        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => actual[i] = HtmlText.ToPlainText(inputs[i % inputs.Length]));

        for (var i = 0; i < actual.Length; i++) Assert.Equal(expected[i % inputs.Length], actual[i]);
    }
}
