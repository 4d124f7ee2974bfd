using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Corpus;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply ingest FILE...</c>: load JSON-lines or BigQuery CSV dumps (plain or gzip) into the store.</summary>
internal static class IngestCommand
{
    private static readonly Argument<string[]> Files = new("FILE") { Description = "JSONL or CSV files, plain or .gz", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<ItemFileFormat> Format = new("--format")
    {
        Description = "File format (auto: by extension, else by the first character)",
        DefaultValueFactory = _ => ItemFileFormat.Auto,
    };

    private const int ErrorsShown = 5;

    public static Command Create()
    {
        var command = new Command("ingest", "Load HN item dumps (JSON lines of API items, or BigQuery CSV exports) into the store") { Files, Format };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            string[] files = parse.GetValue(Files)!;
            foreach (string file in files)
            {
                if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such file");
            }
            using var store = GlobalOptions.OpenOrCreateStore(parse);
            var importer = new ItemImporter(store);
            var result = await ProgressDisplay.RunAsync("ingest", "MB", progress =>
                importer.ImportAsync(files, parse.GetValue(Format), new Progress(progress), cancellationToken)).ConfigureAwait(false);
            return Report(parse, result);
        });
        return command;
    }

    private static int Report(ParseResult parse, ImportResult result)
    {
        foreach (var error in result.Errors.Take(ErrorsShown)) Console.Error.WriteLine($"hnreply: skipped {error}");
        if (result.ErrorCount > ErrorsShown) Console.Error.WriteLine($"hnreply: ... and {result.ErrorCount - ErrorsShown:N0} more bad lines");
        if (parse.GetValue(GlobalOptions.Json))
        {
            JsonOutput.WriteLoad(result.Read, result.Stored, result.Skipped, result.ErrorCount, result.Elapsed);
        }
        else
        {
            Console.Out.WriteLine($"read {result.Read:N0} items, stored {result.Stored:N0} (new or changed), " +
                                  $"skipped {result.Skipped:N0} (already stored unchanged), {result.ErrorCount:N0} bad lines, " +
                                  $"in {result.Elapsed.TotalSeconds:F1} s ({result.Read / Math.Max(result.Elapsed.TotalSeconds, 1e-9):N0} items/s)");
        }
        return 0;
    }

    private sealed class Progress(IProgress<ProgressReading> display) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => display.Report(new ProgressReading(
            value.BytesRead / 1e6, value.TotalBytes / 1e6, $"{value.Read:N0} items, {value.Stored:N0} stored, {value.Errors:N0} bad lines"));
    }
}
