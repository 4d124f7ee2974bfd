using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Corpus;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply mail-pairs PATH...</c>: (parent, reply) pairs from mailing-list threads through In-Reply-To, as JSON
/// lines that <c>train reply --pairs</c> reads beside HN's own — more reply-shaped text for a small pair set. With
/// <c>--out</c> and <c>--json</c> the summary is JSON on stdout; without <c>--out</c> stdout holds the pairs.
/// </summary>
internal static class MailPairsCommand
{
    private static readonly Argument<string[]> Paths = new("PATH") { Description = "Mail files or directories: one message per file, mbox files, or JSON objects with the message in \"text\"", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Out = new("--out") { Description = "File to write (default: stdout); written whole or not at all" };

    private const int ErrorsShown = 5;

    public static Command Create()
    {
        var command = new Command("mail-pairs", $"Write (parent, reply) pairs of mailing-list threads: quotes, attributions and signatures removed, bodies of {MailPairs.MinWords}-{MailPairs.MaxWords} words") { Paths, Out };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var result = MailPairs.Read(parse.GetValue(Paths)!, cancellationToken);
            foreach (string error in result.Errors.Take(ErrorsShown)) await Console.Error.WriteLineAsync($"hnreply: skipped {error}").ConfigureAwait(false);
            if (result.Errors.Count > ErrorsShown) await Console.Error.WriteLineAsync($"hnreply: ... and {result.Errors.Count - ErrorsShown:N0} more unreadable files").ConfigureAwait(false);
            if (result.Pairs.Count == 0)
                throw new ArgumentException($"no pairs: {result.Messages:N0} messages, {result.Replies:N0} replying to another, {result.WithoutParent:N0} of them without their parent among the messages");
            string? path = parse.GetValue(Out);
            await ExportCommand.WriteAsync(path, writer => ExportCommand.WritePairs(writer, result.Pairs, cancellationToken)).ConfigureAwait(false);
            if (path is not null && parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(new
                {
                    Pairs = result.Pairs.Count, result.Messages, result.Copies, result.Replies, result.WithoutParent, result.LeftOut, Unreadable = result.Errors.Count,
                });
                return 0;
            }
            await Console.Error.WriteLineAsync($"{(path is null ? "" : $"wrote {path}: ")}{result.Pairs.Count:N0} pairs from {result.Messages:N0} messages ({result.Copies:N0} copies skipped; " +
                                               $"{result.Replies:N0} replies: {result.WithoutParent:N0} without their parent among them, " +
                                               $"{result.LeftOut:N0} with a body outside {MailPairs.MinWords}-{MailPairs.MaxWords} words after quotes are removed; " +
                                               $"{result.Errors.Count:N0} unreadable files)").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
