using AngleSharp.Html.Parser;

namespace HnReply.Corpus;

/// <summary>
/// Turns the HTML that Hacker News stores in an item's <c>text</c> into clean plain text.
/// Output contract:
/// <list type="bullet">
/// <item>paragraphs (HN separates them with <c>&lt;p&gt;</c>) are joined by exactly one blank line;
/// inside a paragraph whitespace collapses to single spaces and ends are trimmed;</item>
/// <item>a link whose text is its URL, or a prefix of it cut short with "...", becomes the full
/// href; any other link becomes its text; other inline tags (<c>&lt;i&gt;</c>, ...) become their text;</item>
/// <item>a <c>&lt;pre&gt;</c> block keeps its whitespace and newlines, fenced by lines of "```";</item>
/// <item>a paragraph quoting the parent (it starts with "&gt;") is kept with one normalised "&gt; " prefix;</item>
/// <item>entities are decoded; null, empty or whitespace-only input gives "".</item>
/// </list>
/// It does not keep emphasis markers, link targets of named links, or nested quote levels.
/// Safe to call from many threads: each thread gets its own parser and buffers.
/// HN's own markup is read by <see cref="HnHtmlScanner"/>; everything else by AngleSharp's HTML5 parser.
/// </summary>
public static class HtmlText
{
    [ThreadStatic] private static HtmlParser? t_parser;
    [ThreadStatic] private static PlainTextWriter? t_writer;
    [ThreadStatic] private static HnHtmlScanner? t_scanner;

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        // Nearly every HN comment uses only the markup HN writes itself, which the scanner reads
        // exactly as the parser would at a tenth of the cost; anything else goes to the parser.
        var writer = t_writer ??= new PlainTextWriter();
        return (t_scanner ??= new HnHtmlScanner()).TryWrite(html, writer) ? writer.ToString() : ParseAndWrite(html);
    }

    /// <summary>
    /// False for deleted and dead items and for items with neither text nor title, so that no such
    /// item reaches training text. Text that is only markup or whitespace counts as no text.
    /// </summary>
    public static bool IsUsable(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Deleted || item.Dead) return false;
        if (!string.IsNullOrWhiteSpace(item.Title)) return true;
        return ToPlainText(item.Text).Length > 0;
    }

    /// <summary>The HTML5 parser path for any input; tests compare the scanner against it.</summary>
    internal static string ParseAndWrite(string html)
    {
        t_parser ??= new HtmlParser(new HtmlParserOptions
        {
            SkipComments = true,
            DisableElementPositionTracking = true,
        });
        var writer = t_writer ??= new PlainTextWriter();
        writer.Clear();
        using var document = t_parser.ParseDocument(html);
        if (document.Body is { } body) DomTextWalker.Write(body, writer);
        return writer.ToString();
    }
}
