using System.CommandLine;
using HnReply.Text;

namespace HnReply.Cli;

/// <summary>The tokenizer and vocabulary flags every trainer shares.</summary>
internal static class TokenizerFlags
{
    public static readonly Option<TokenizerKind> Kind = new("--tokenizer")
    {
        Description = "word (HN text), whitespace (pre-tokenized corpora such as the Penn Treebank) or char",
        DefaultValueFactory = _ => TokenizerKind.Word,
    };

    public static readonly Option<bool> Lowercase = new("--lowercase") { Description = "Lower-case words before counting them" };

    public static readonly Option<int?> MinCount = new("--min-count")
    {
        Description = "Words seen fewer times become <unk> (default: 2 for word, 1 for whitespace and char, which keep a corpus's own vocabulary)",
    };

    public static readonly Option<int> MaxVocabulary = new("--max-vocab")
    {
        Description = "Keep at most this many of the most frequent words",
        DefaultValueFactory = _ => 50_000,
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Kind);
        command.Options.Add(Lowercase);
        command.Options.Add(MinCount);
        command.Options.Add(MaxVocabulary);
    }

    public static TokenizerOptions Read(ParseResult parse) => new() { Kind = parse.GetValue(Kind), Lowercase = parse.GetValue(Lowercase) };

    public static int ReadMinCount(ParseResult parse)
    {
        int value = parse.GetValue(MinCount) ?? (parse.GetValue(Kind) == TokenizerKind.Word ? 2 : 1);
        return value >= 1 ? value : throw new ArgumentException($"--min-count must be at least 1, got {value}");
    }

    public static int ReadMaxVocabulary(ParseResult parse)
    {
        int value = parse.GetValue(MaxVocabulary);
        return value >= 5 ? value : throw new ArgumentException($"--max-vocab must be at least 5, got {value}");
    }
}
