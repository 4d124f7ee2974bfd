using System.CommandLine;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply train KIND --out DIR</c>: one subcommand per rung of the ladder.</summary>
internal static class TrainCommand
{
    public static readonly Option<string> Out = new("--out") { Description = "Model directory to write (replaced whole when training succeeds)", Required = true };

    public static Command Create()
    {
        var command = new Command("train", "Train a model into a self-describing model directory");
        command.Subcommands.Add(TrainNGramCommand.Create());
        command.Subcommands.Add(TrainRetrievalCommand.Create());
        command.Subcommands.Add(TrainWord2VecCommand.Create());
        command.Subcommands.Add(TrainLstmCommand.Create());
        command.Subcommands.Add(TrainMixCommand.Create());
        command.Subcommands.Add(TrainReplyCommand.Create());
        return command;
    }
}
