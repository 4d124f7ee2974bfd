using System.CommandLine;
using System.Text;
using HnReply.Corpus;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply export pairs|comments</c>. Pairs are JSON lines; comments are one cleaned comment per
/// line, so a comment's own line breaks are written as U+2029 (paragraph) and U+2028 (line)
/// separators, which every reader can map back and no reader mistakes for a new document.
/// </summary>
internal static class ExportCommand
{
    private static readonly Argument<string> Kind = new("what") { Description = "pairs (JSONL) or comments (plain text)" };
    private static readonly Option<string?> SplitOption = new("--split") { Description = "train, valid or test (default: all)" };
    private static readonly Option<string?> Out = new("--out") { Description = "File to write (default: stdout); written whole or not at all" };

    public static Command Create()
    {
        Kind.AcceptOnlyFromAmong("pairs", "comments");
        var command = new Command("export", "Write (parent, reply) pairs or cleaned comments of a split") { Kind, SplitOption, Out };
        SplitFlags.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var splits = SplitFlags.Read(parse);
            Split? split = parse.GetValue(SplitOption) is { } name ? SplitNames.Parse(name) : null;
            using var store = GlobalOptions.OpenStore(parse);
            long lines = 0;
            await WriteAsync(parse.GetValue(Out), writer =>
            {
                lines = parse.GetValue(Kind) == "pairs"
                    ? WritePairs(writer, store.Pairs(splits, split), cancellationToken)
                    : WriteComments(writer, store.Comments(splits, split), cancellationToken);
            }).ConfigureAwait(false);
            if (parse.GetValue(Out) is { } path) await Console.Error.WriteLineAsync($"wrote {lines:N0} lines to {path}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static string OneLine(string text) => text.Replace("\n\n", "\u2029", StringComparison.Ordinal).Replace('\n', '\u2028');

    internal static long WritePairs(TextWriter writer, IEnumerable<ReplyPair> pairs, CancellationToken cancellationToken)
    {
        long count = 0;
        foreach (var p in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WriteLine(ReplyPairFile.ToLine(p));
            count++;
        }
        return count;
    }

    private static long WriteComments(TextWriter writer, IEnumerable<string> comments, CancellationToken cancellationToken)
    {
        long count = 0;
        foreach (string comment in comments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WriteLine(OneLine(comment));
            count++;
        }
        return count;
    }

    // A file is written beside its destination and renamed into place, so a failure or Ctrl+C never leaves half a file.
    internal static async Task WriteAsync(string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(Console.Out);
            await Console.Out.FlushAsync().ConfigureAwait(false);
            return;
        }
        string temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)))
            {
                write(writer);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
