using System.CommandLine;
using HnReply.Cli;
using HnReply.Cli.Commands;

// The only place that touches the process: arguments, exit code, Ctrl+C (via the action's token).
var root = new RootCommand("HnReply: learns from Hacker News threads to suggest your next words and reply to comments.");
GlobalOptions.AddTo(root);
root.Subcommands.Add(FetchCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(StatsCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(MailPairsCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(SuggestCommand.Create());
root.Subcommands.Add(CompleteCommand.Create());
root.Subcommands.Add(TypeCommand.Create());
root.Subcommands.Add(ReplyCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(Word2VecCommand.Create());
root.Subcommands.Add(QuickstartCommand.Create(RunAsync));

return await RunAsync(args).ConfigureAwait(false);

async Task<int> RunAsync(string[] commandLine)
{
    var parse = root.Parse(commandLine);
    if (CommandLineErrors.Describe(parse) is { } error)
    {
        await Console.Error.WriteLineAsync($"hnreply: {error}").ConfigureAwait(false);
        return 1;
    }
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
}
