namespace HnReply.Text;

/// <summary>
/// Cuts text into tokens and joins tokens back into text. Implementations hold no mutable state,
/// so one instance serves any number of threads.
/// </summary>
public interface ITokenizer
{
    TokenizerOptions Options { get; }

    /// <summary>The tokens of <paramref name="text"/>; never the sentence markers <c>&lt;s&gt;</c> or <c>&lt;/s&gt;</c>, never an empty string.</summary>
    IReadOnlyList<string> Tokenize(string text);

    /// <summary>Natural text for <paramref name="tokens"/>, as a reader expects to see it.</summary>
    string Detokenize(IReadOnlyList<string> tokens);
}
