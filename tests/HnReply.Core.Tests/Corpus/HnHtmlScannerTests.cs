using System.Text;
using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

// The scanner is a shortcut: wherever it accepts input, it must write what the HTML5 parser path writes.
public class HnHtmlScannerTests
{
    private static readonly string[] Words = ["word", "日本語", "😀", "e\u0301", ">", "a>b", "x-y", "it", "\u05e2\u05d1"];
    private static readonly string[] Spaces = [" ", "  ", "\n", "\r\n", "\r", "\t", "\u00A0", "\0"];
    private static readonly string[] Entities = ["&#x27;", "&quot;", "&#x2F;", "&amp;", "&gt;", "&lt;", "&#39;", "&nbsp;", "&gt; "];
    private static readonly string[] Links =
    [
        "<a href=\"https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;long&#x2F;path\" rel=\"nofollow\">https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;lo...</a>",
        "<a href=\"https://example.com/x?a=1&amp;b=2\" rel=\"nofollow\">https://example.com/x?a=1&amp;b=2</a>",
        "<a href=\"https://example.com/x\">the  docs</a>",
        "<a href=\"https://example.com/x\" rel=\"nofollow\"> https://example.com/x </a>",
        "<a href=\"\">empty href</a>",
        "<a href=\"https://other.example/\">https://example.com/...</a>",
    ];
    private static readonly string[] InlineTags = ["<p>", "</p>", "<i>", "</i>"];
    private static readonly string[] OffSubset =
    [
        "<b>", "</b>", "<br>", "</a>", "<a href='x'>y</a>", "<", "<3", "< p>", "<P>", "&eacute;", "&#128512;", "&", "&amp",
        "<pre>", "</pre>", "<code>", "<pre><code>", "</code></pre>", "<a href=\"x\"><i>y</i></a>", "<!-- c -->", "<div>",
    ];

    private static string Pick(Random random, string[] pieces) => pieces[random.Next(pieces.Length)];

    private static string Inline(Random random, bool inCode)
    {
        return random.Next(10) switch
        {
            < 4 => Pick(random, Words),
            < 6 => Pick(random, Spaces),
            6 => Pick(random, Entities),
            7 => Pick(random, Links),
            _ => inCode ? Pick(random, ["<i>", "</i>"]) : Pick(random, InlineTags),
        };
    }

    // Blocks of HN's markup: runs of inline pieces and closed <pre><code> blocks.
    private static string SubsetDocument(Random random)
    {
        var sb = new StringBuilder();
        for (var block = random.Next(1, 5); block > 0; block--)
        {
            var inCode = random.Next(4) == 0;
            if (inCode) sb.Append("<pre><code>");
            for (var i = random.Next(0, 12); i > 0; i--) sb.Append(Inline(random, inCode));
            if (inCode) sb.Append("</code></pre>");
        }
        return sb.ToString();
    }

    [Fact]
    public void TryWrite_HnMarkup_AcceptsItAndWritesWhatTheParserPathWrites()
    {
        var random = new Random(7);
        var scanner = new HnHtmlScanner();
        var writer = new PlainTextWriter();
        for (var n = 0; n < 5000; n++)
        {
            var html = SubsetDocument(random);

            Assert.True(scanner.TryWrite(html, writer), html);
            Assert.Equal(HtmlText.ParseAndWrite(html), writer.ToString());
        }
    }

    [Fact]
    public void ToPlainText_MarkupOutsideTheSubset_StillMatchesTheParserPath()
    {
        var random = new Random(11);
        var scanned = 0;
        for (var n = 0; n < 5000; n++)
        {
            var sb = new StringBuilder(SubsetDocument(random));
            sb.Insert(random.Next(sb.Length + 1), random.Next(3) == 0 ? Pick(random, OffSubset) : Inline(random, false));
            var html = sb.ToString();
            if (new HnHtmlScanner().TryWrite(html, new PlainTextWriter())) scanned++;

            Assert.Equal(HtmlText.ParseAndWrite(html), HtmlText.ToPlainText(html));
        }
        // Both paths were exercised.
        Assert.InRange(scanned, 1000, 4900);
    }

    [Theory]
    [InlineData("<b>bold</b>")]
    [InlineData("<pre><code>never closed")]
    [InlineData("<a href=\"x\"><i>tag in link</i></a>")]
    [InlineData("caf&eacute;")]
    [InlineData("<p><pre><code>a<p>b</code></pre>")]
    public void TryWrite_MarkupOutsideTheSubset_Declines(string html)
    {
        Assert.False(new HnHtmlScanner().TryWrite(html, new PlainTextWriter()));
    }
}
