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
root.Subcommands.Add(QuickstartCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(Word2VecCommand.Create());

var parse = root.Parse(args);
return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
