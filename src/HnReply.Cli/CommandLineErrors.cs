using System.CommandLine;
using System.CommandLine.Parsing;

namespace HnReply.Cli;

/// <summary>
/// Turns what System.CommandLine could not parse into the contract's one line: an unknown command
/// or option is named as such ("unknown option '--test-fraction' for 'ingest'"), not reported as a
/// missing file or a missing command. Also catches an option-like word that a command's list
/// argument (<c>ingest FILE...</c>) swallowed, which the parser itself accepts.
/// </summary>
internal static class CommandLineErrors
{
    /// <summary>The one-line problem with <paramref name="parse"/>, or null when it can run.</summary>
    public static string? Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        string path = CommandPath(parse.CommandResult);
        string help = $"see 'hnreply {(path.Length > 0 ? path + " " : "")}--help'";
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            if (IsOptionLike(token)) return $"unknown option '{token}'{For(path)}; {help}";
            if (command.Subcommands.Count > 0) return $"unknown command '{(path.Length > 0 ? path + " " : "")}{token}'; {help}";
            return $"unexpected argument '{token}'{For(path)}; {help}";
        }
        string? swallowed = parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens).Select(t => t.Value).FirstOrDefault(IsOptionLike);
        if (swallowed is not null) return $"unknown option '{swallowed}'{For(path)}; {help}";
        if (parse.Errors.Count == 0) return null;
        if (command.Subcommands.Count > 0 && command.Action is null)
            return path.Length > 0 ? $"'{path}' needs a subcommand; {help}" : $"no command given; {help}";
        return string.Join("; ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.')).Distinct()) + $"; {help}";
    }

    private static string For(string path) => path.Length > 0 ? $" for '{path}'" : "";

    // "--name" or "-k"; not "-" (stdin) and not a negative number.
    private static bool IsOptionLike(string token) => token.Length > 1 && token[0] == '-' && (token[1] == '-' || char.IsLetter(token[1]));

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult { Command: var c and not RootCommand }; r = r.Parent) names.Add(c.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
