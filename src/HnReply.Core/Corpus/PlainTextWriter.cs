using System.Text;

namespace HnReply.Corpus;

/// <summary>
/// The output rules of <see cref="HtmlText"/>, fed by a reader of the input (<see cref="DomTextWalker"/>
/// over a parsed DOM, or <see cref="HnHtmlScanner"/> over HN's own markup): inline text accumulates
/// into the open paragraph or code block, and each block is written when it ends. Blocks are
/// separated by exactly one blank line. Keeps its buffers between uses, so one instance serves one
/// thread at a time.
/// </summary>
internal sealed class PlainTextWriter
{
    private const string Fence = "```";

    private readonly StringBuilder _output = new();
    private readonly StringBuilder _paragraph = new();
    private readonly StringBuilder _code = new();

    public void Clear()
    {
        _output.Clear();
        _paragraph.Clear();
        _code.Clear();
    }

    public void AppendText(ReadOnlySpan<char> text) => _paragraph.Append(text);

    public void AppendCode(ReadOnlySpan<char> text) => _code.Append(text);

    /// <summary>Starts a new line in the open code block unless it is still empty.</summary>
    public void BreakCodeLine()
    {
        if (_code.Length > 0) _code.Append('\n');
    }

    public override string ToString() => _output.ToString();

    /// <summary>
    /// HN shows a pasted URL as the link text, cut to a prefix ending in "..." when long; the href
    /// is then what the author wrote. Any other link text is the author's own words.
    /// </summary>
    public static bool ShowsUrl(ReadOnlySpan<char> linkText, string? href)
    {
        if (string.IsNullOrEmpty(href)) return false;
        var shown = linkText.Trim();
        if (shown.SequenceEqual(href)) return true;
        return shown.Length > 3 && shown.EndsWith("...") && href.AsSpan().StartsWith(shown[..^3]);
    }

    // Writes the open paragraph: whitespace runs become one space, the ends are trimmed, NULs are
    // dropped (as the HTML parser drops them), and a paragraph that starts with quote markers gets
    // exactly one "> " prefix. A paragraph left empty is not written.
    public void EndParagraph()
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

    // Writes the open code block between fence lines, keeping the indentation of its first line
    // but dropping blank lines around it. An empty block is not written.
    public void EndCode()
    {
        var end = _code.Length;
        while (end > 0 && char.IsWhiteSpace(_code[end - 1])) end--;
        var start = 0;
        for (var i = 0; i < end && char.IsWhiteSpace(_code[i]); i++)
        {
            if (_code[i] == '\n') start = i + 1;
        }
        if (end > start)
        {
            if (_output.Length > 0) _output.Append("\n\n");
            _output.Append(Fence).Append('\n').Append(_code, start, end - start).Append('\n').Append(Fence);
        }
        _code.Clear();
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
}
