using System.Diagnostics.CodeAnalysis;

namespace HnReply.Text;

/// <summary>How text is cut into tokens; see <see cref="Tokenizers.Create"/> for each kind's rules.</summary>
public enum TokenizerKind
{
    /// <summary>Words, numbers, URLs and punctuation of HN text, with paragraph, quote and code markers.</summary>
    Word,

    /// <summary>Runs of spaces and tabs only, for corpora that are tokenized already (Penn Treebank).</summary>
    Whitespace,

    /// <summary>Unicode text elements (grapheme clusters), whitespace included, for character models.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The option's name on the command line and in model.json is \"char\".")]
    Char,
}
