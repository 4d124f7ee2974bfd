using HnReply.Text;

namespace HnReply.Neural.Reply;

/// <summary>
/// Text → ids for the reply model. The context is <c>title &lt;sep&gt; parent</c>: the title's first
/// <see cref="ReplyOptions.MaxTitleTokens"/> tokens, &lt;/s&gt; as the separator (the vocabulary is the
/// LM's, which has no other boundary token, and &lt;/s&gt; is what the LM reads between documents),
/// then the end of the parent up to <see cref="ReplyOptions.MaxContextTokens"/> in all. A title the
/// parent already starts with (a top-level comment's context is its story) is not repeated.
/// </summary>
internal sealed class ReplyTokens(ITokenizer tokenizer, Vocabulary vocabulary, ReplyOptions options)
{
    public ITokenizer Tokenizer => tokenizer;
    public Vocabulary Vocabulary => vocabulary;

    public int[] Context(string parent, string? title)
    {
        var ids = new List<int>();
        if (!string.IsNullOrWhiteSpace(title) && !parent.StartsWith(title, StringComparison.Ordinal))
        {
            ids.AddRange(tokenizer.Tokenize(title).Take(options.MaxTitleTokens).Select(vocabulary.Id));
            ids.Add(Vocabulary.Eos);
        }
        var body = tokenizer.Tokenize(parent);
        int room = options.MaxContextTokens - ids.Count;
        ids.AddRange(body.Skip(Math.Max(0, body.Count - room)).Select(vocabulary.Id));
        return ids.Count > 0 ? [.. ids] : [Vocabulary.Eos];
    }

    /// <summary>The reply's ids, without &lt;s&gt; or &lt;/s&gt;.</summary>
    public int[] Reply(string reply) => vocabulary.Encode(tokenizer.Tokenize(reply));

    public string Text(IEnumerable<int> ids) => tokenizer.Detokenize(ids.Select(vocabulary.Token).ToList());
}
