using System.CommandLine;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply train MODEL-KIND</c>: one subcommand per kind of model, each writing a self-describing model directory.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train a model on the store's train split or on --train FILE, into a model directory (--out DIR)");
        command.Subcommands.Add(TrainWord2VecCommand.Create());
        return command;
    }
}
