using System.Text;
using AngleSharp.Dom;

namespace HnReply.Corpus;

/// <summary>
/// Writes the plain text <see cref="HtmlText"/> promises from a parsed HN comment body.
/// Input: the DOM the HTML5 parser built (so <c>&lt;p&gt;</c> without a closing tag, unclosed
/// inline tags and <c>&lt;pre&gt;</c> inside a paragraph are already repaired). Output: paragraphs
/// and fenced code blocks separated by one blank line. Keeps its buffers between calls, so one
/// instance serves one thread at a time.
/// </summary>
internal sealed class PlainTextWriter
{
    private const string Fence = "```";

    private readonly StringBuilder _output = new();
    private readonly StringBuilder _paragraph = new();
    private readonly StringBuilder _code = new();

    public string Write(IElement body)
    {
        _output.Clear();
        _paragraph.Clear();
        WriteInline(body);
        EndParagraph();
        return _output.ToString();
    }

    /// <summary>Text known to hold no markup and no entities: one paragraph.</summary>
    public string WriteParagraph(string text)
    {
        _output.Clear();
        _paragraph.Clear().Append(text);
        EndParagraph();
        return _output.ToString();
    }

    private void WriteInline(INode parent)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is IText text)
            {
                _paragraph.Append(text.Data);
                continue;
            }
            if (node is not IElement element) continue;
            switch (element.LocalName)
            {
                case "pre":
                    EndParagraph();
                    WriteCode(element);
                    break;
                case "a" when ShownUrl(element) is { } url:
                    _paragraph.Append(url);
                    break;
                case "br":
                    _paragraph.Append(' ');
                    break;
                case "script" or "style" or "template" or "noscript":
                    break;
                case "p" or "div" or "blockquote" or "li" or "ul" or "ol" or "table" or "tr"
                    or "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    EndParagraph();
                    WriteInline(element);
                    EndParagraph();
                    break;
                default:
                    WriteInline(element);
                    break;
            }
        }
    }

    // Appends the open paragraph to the output: whitespace runs become one space, the ends are
    // trimmed, NULs are dropped (as the HTML parser drops them), and a paragraph that starts with
    // quote markers gets exactly one "> " prefix. A paragraph left empty is not written.
    private void EndParagraph()
    {
        if (_paragraph.Length == 0) return;
        var blockStart = _output.Length;
        if (blockStart > 0) _output.Append("\n\n");
        var textStart = _output.Length;
        var pendingSpace = false;
        foreach (var chunk in _paragraph.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (char.IsWhiteSpace(c)) pendingSpace = true;
                else if (c != '\0')
                {
                    if (pendingSpace && _output.Length > textStart) _output.Append(' ');
                    pendingSpace = false;
                    _output.Append(c);
                }
            }
        }
        _paragraph.Clear();
        if (_output.Length > textStart && _output[textStart] == '>') MarkQuote(textStart);
        if (_output.Length == textStart) _output.Length = blockStart;
    }

    private void MarkQuote(int textStart)
    {
        var quoted = textStart;
        while (quoted < _output.Length && _output[quoted] is '>' or ' ') quoted++;
        if (quoted == _output.Length)
        {
            _output.Length = textStart;
            return;
        }
        _output.Remove(textStart, quoted - textStart).Insert(textStart, "> ");
    }

    private void WriteCode(IElement pre)
    {
        _code.Clear();
        AppendCode(pre);
        // Keep the indentation of the first line but drop blank lines around the block.
        var end = _code.Length;
        while (end > 0 && char.IsWhiteSpace(_code[end - 1])) end--;
        var start = 0;
        for (var i = 0; i < end && char.IsWhiteSpace(_code[i]); i++)
        {
            if (_code[i] == '\n') start = i + 1;
        }
        if (end <= start) return;
        if (_output.Length > 0) _output.Append("\n\n");
        _output.Append(Fence).Append('\n').Append(_code, start, end - start).Append('\n').Append(Fence);
    }

    private void AppendCode(INode parent)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is IText text)
            {
                _code.Append(text.Data);
                continue;
            }
            if (node is not IElement element) continue;
            switch (element.LocalName)
            {
                case "a" when ShownUrl(element) is { } url:
                    _code.Append(url);
                    break;
                case "br":
                    _code.Append('\n');
                    break;
                case "p":
                    if (_code.Length > 0) _code.Append('\n');
                    AppendCode(element);
                    break;
                case "script" or "style" or "template" or "noscript":
                    break;
                default:
                    AppendCode(element);
                    break;
            }
        }
    }

    // HN shows a pasted URL as the link text, cut to a prefix ending in "..." when long;
    // then the href is the text the author wrote. Returns null for links with their own text.
    private static string? ShownUrl(IElement link)
    {
        var href = link.GetAttribute("href");
        if (string.IsNullOrEmpty(href)) return null;
        var shown = link.TextContent.AsSpan().Trim();
        if (shown.SequenceEqual(href)) return href;
        return shown.Length > 3 && shown.EndsWith("...") && href.AsSpan().StartsWith(shown[..^3]) ? href : null;
    }
}
