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
        command.Subcommands.Add(TrainHybridCommand.Create());
        return command;
    }

    /// <summary>
    /// A model that names other model directories (a mixture, a hybrid) is written by replacing --out whole:
    /// --out must not be, or hold, one of them (<paramref name="role"/> says which flag named it).
    /// </summary>
    public static void CheckOutput(string output, IEnumerable<string> inputs, string role, string what)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        foreach (string directory in inputs)
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
            if (full == target || full.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new ArgumentException($"--out {output} would replace {directory}, {role}; write the {what} to a directory of its own");
        }
    }
}
