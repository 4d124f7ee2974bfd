using System.CommandLine;
using System.Text.Json;
using DuckDB.NET.Data;
using HnReply.Corpus;

namespace HnReply.Cli;

/// <summary>
/// Runs a command's body and turns every failure into the contract's exit code 1 with one line on
/// stderr. Expected failures (bad input, unreachable API, unreadable files) print just their message;
/// anything else prints its type too, so a bug report says what broke.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("hnreply: interrupted; run the same command again to continue").ConfigureAwait(false);
                return 1;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException
                                          or HnApiException or DuckDBException or JsonException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"hnreply: {OneLine(e.Message)}").ConfigureAwait(false);
                return 1;
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync($"hnreply: unexpected {e.GetType().Name}: {OneLine(e.Message)}").ConfigureAwait(false);
                return 1;
            }
        });

    // One line, and never raw bytes from a file or argument: control characters (a terminal's escape
    // sequences among them) become \xNN, and an overlong message is cut.
    private static string OneLine(string message)
    {
        var line = new System.Text.StringBuilder();
        foreach (char c in message.ReplaceLineEndings(" ").Trim())
        {
            if (line.Length >= MaxMessage) return line.Append('…').ToString();
            if (char.IsControl(c)) line.Append($"\\x{(int)c:X2}");
            else line.Append(c);
        }
        return line.ToString();
    }

    private const int MaxMessage = 400;
}
