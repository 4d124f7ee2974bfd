using AngleSharp.Dom;

namespace HnReply.Corpus;

/// <summary>
/// Feeds a <see cref="PlainTextWriter"/> from the DOM the HTML5 parser built, so that anything the
/// parser accepts (unclosed tags, <c>&lt;pre&gt;</c> inside a paragraph, stray end tags) is read the
/// way a browser would show it. Block elements end paragraphs; <c>&lt;pre&gt;</c> at any depth is a
/// code block; scripts and styles are dropped; every other element is read for its text.
/// </summary>
internal static class DomTextWalker
{
    public static void Write(INode body, PlainTextWriter writer)
    {
        WriteInline(body, writer);
        writer.EndParagraph();
    }

    private static void WriteInline(INode parent, PlainTextWriter writer)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is IText text)
            {
                writer.AppendText(text.Data);
                continue;
            }
            if (node is not IElement element) continue;
            switch (element.LocalName)
            {
                case "pre":
                    writer.EndParagraph();
                    WriteCode(element, writer);
                    writer.EndCode();
                    break;
                case "a" when ShownUrl(element) is { } url:
                    writer.AppendText(url);
                    break;
                case "br":
                    writer.AppendText(" ");
                    break;
                case "script" or "style" or "template" or "noscript":
                    break;
                case "p" or "div" or "blockquote" or "li" or "ul" or "ol" or "table" or "tr"
                    or "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    writer.EndParagraph();
                    WriteInline(element, writer);
                    writer.EndParagraph();
                    break;
                default:
                    WriteInline(element, writer);
                    break;
            }
        }
    }

    private static void WriteCode(INode parent, PlainTextWriter writer)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is IText text)
            {
                writer.AppendCode(text.Data);
                continue;
            }
            if (node is not IElement element) continue;
            switch (element.LocalName)
            {
                case "a" when ShownUrl(element) is { } url:
                    writer.AppendCode(url);
                    break;
                case "br":
                    writer.AppendCode("\n");
                    break;
                case "p":
                    writer.BreakCodeLine();
                    WriteCode(element, writer);
                    break;
                case "script" or "style" or "template" or "noscript":
                    break;
                default:
                    WriteCode(element, writer);
                    break;
            }
        }
    }

    private static string? ShownUrl(IElement link)
    {
        var href = link.GetAttribute("href");
        return PlainTextWriter.ShowsUrl(link.TextContent, href) ? href : null;
    }
}
