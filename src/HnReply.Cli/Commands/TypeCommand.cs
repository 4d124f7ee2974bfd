using System.CommandLine;
using System.Text;
using HnReply.Neural.Models;
using HnReply.Prediction;
using HnReply.Text;
using Spectre.Console;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply type MODEL</c>: type in the terminal and watch suggestions follow every keystroke;
/// Tab accepts the first, Enter starts a new line, Esc or Ctrl+C quits. With input redirected it
/// reads lines instead and prints the suggestions after each one (handy for scripts and tests).
/// </summary>
internal static class TypeCommand
{
    // Carriage return, then erase the line (ANSI EL 2): the line is redrawn after every keystroke.
    private const string ClearLine = "\r\u001b[2K";

    private static readonly Option<int> K = new("-k") { Description = "How many suggestions to show", DefaultValueFactory = _ => 3 };

    public static Command Create()
    {
        var command = new Command("type", "Type with live next-word suggestions (Tab accepts the first)") { SuggestCommand.Model, K };
        CommandAction.Set(command, (parse, cancellationToken) =>
        {
            int k = parse.GetValue(K);
            if (k < 1) throw new ArgumentException($"-k must be at least 1, got {k}");
            using var loaded = ModelLoader.LoadLanguageModel(parse.GetValue(SuggestCommand.Model)!);
            var session = new TypingSession(loaded.AsLanguageModel());
            if (Console.IsInputRedirected) RunLines(session, k);
            else RunInteractive(session, k, cancellationToken);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void RunLines(TypingSession session, int k)
    {
        int number = 0;
        while (Console.In.ReadLine() is { } line)
        {
            number++;
            Console.Out.WriteLine(string.Join('\t', session.Suggest(UserText.Check(line, $"line {number}"), k).Select(s => s.Text)));
        }
    }

    private static void RunInteractive(TypingSession session, int k, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        AnsiConsole.MarkupLine("[grey]Type; Tab accepts the first suggestion, Esc quits.[/]");
        while (!cancellationToken.IsCancellationRequested)
        {
            var suggestions = session.Suggest(text.ToString(), k);
            string shown = string.Join("  ", suggestions.Select((s, i) => i == 0 ? $"[bold yellow]{Markup.Escape(s.Text)}[/]" : Markup.Escape(s.Text)));
            string current = text.ToString().Split('\n')[^1];
            Console.Write(ClearLine);
            AnsiConsole.Markup($"{Markup.Escape(current)}[grey]▏[/] {shown}");
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Escape) break;
            switch (key.Key)
            {
                case ConsoleKey.Tab when suggestions.Count > 0:
                    Accept(text, suggestions[0].Text);
                    break;
                case ConsoleKey.Backspace when text.Length > 0:
                    text.Length--;
                    break;
                case ConsoleKey.Enter:
                    Console.Write(ClearLine);
                    Console.WriteLine(current);
                    text.Append('\n');
                    break;
                default:
                    if (!char.IsControl(key.KeyChar) && text.Length < UserText.MaxCharacters) text.Append(key.KeyChar);
                    break;
            }
        }
        AnsiConsole.WriteLine();
    }

    // Replaces the word being typed (if any) by the suggestion, then adds a space.
    private static void Accept(StringBuilder text, string word)
    {
        int start = text.Length;
        while (start > 0 && char.IsLetterOrDigit(text[start - 1])) start--;
        text.Length = start;
        text.Append(word).Append(' ');
    }
}
