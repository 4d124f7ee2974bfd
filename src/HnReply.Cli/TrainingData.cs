using System.CommandLine;
using HnReply.Corpus;

namespace HnReply.Cli;

/// <summary>
/// Where a model's text comes from: the store's splits by default, or plain-text files with one
/// document per line (<c>--train FILE [--valid FILE] [--test FILE]</c>), e.g. a classic benchmark corpus.
/// Documents from the store are the cleaned comments of each split.
/// </summary>
internal sealed record TrainingData(IReadOnlyList<string> Train, IReadOnlyList<string>? Valid, IReadOnlyList<string>? Test, string Source)
{
    public static readonly Option<string?> TrainFile = new("--train") { Description = "Plain-text training file, one document per line (default: the store's train split)" };
    public static readonly Option<string?> ValidFile = new("--valid") { Description = "Plain-text validation file (default: the store's valid split)" };
    public static readonly Option<string?> TestFile = new("--test") { Description = "Plain-text test file (default: the store's test split)" };

    public static void AddTo(Command command)
    {
        command.Options.Add(TrainFile);
        command.Options.Add(ValidFile);
        command.Options.Add(TestFile);
        SplitFlags.AddTo(command);
    }

    public static TrainingData Read(ParseResult parse)
    {
        if (parse.GetValue(TrainFile) is { } train)
        {
            return new TrainingData(Lines(train)!, Lines(parse.GetValue(ValidFile)), Lines(parse.GetValue(TestFile)), train);
        }
        if (parse.GetValue(ValidFile) is not null || parse.GetValue(TestFile) is not null)
            throw new ArgumentException("--valid and --test go with --train");
        var splits = SplitFlags.Read(parse);
        using var store = GlobalOptions.OpenStore(parse);
        var data = new TrainingData(
            store.Comments(splits, Split.Train).ToList(),
            store.Comments(splits, Split.Valid).ToList(),
            store.Comments(splits, Split.Test).ToList(),
            store.Path);
        if (data.Train.Count == 0)
            throw new ArgumentException($"{store.Path}: the train split has no comments; run `hnreply fetch` or `hnreply ingest` first, or pass --train FILE");
        return data;
    }

    private static List<string>? Lines(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        return File.ReadLines(path).ToList();
    }
}
