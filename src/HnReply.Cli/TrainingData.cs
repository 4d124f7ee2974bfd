using System.CommandLine;
using HnReply.Corpus;
using HnReply.Text;

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

    public static readonly Option<TextFileEncoding> Encoding = new("--encoding")
    {
        Description = "Encoding of the --train/--valid/--test files: utf8 (strict: an invalid byte is an error) or latin1",
        DefaultValueFactory = _ => TextFileEncoding.Utf8,
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(TrainFile);
        command.Options.Add(ValidFile);
        command.Options.Add(TestFile);
        command.Options.Add(Encoding);
        SplitFlags.AddTo(command);
    }

    public static TrainingData Read(ParseResult parse)
    {
        if (parse.GetValue(TrainFile) is { } train)
        {
            var encoding = parse.GetValue(Encoding);
            return new TrainingData(Lines(train, encoding)!, Lines(parse.GetValue(ValidFile), encoding), Lines(parse.GetValue(TestFile), encoding), train);
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

    private static List<string>? Lines(string? path, TextFileEncoding encoding) => path is null ? null : PlainTextFile.ReadLines(path, encoding).ToList();
}
