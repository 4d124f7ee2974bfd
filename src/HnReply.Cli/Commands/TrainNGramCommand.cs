using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using HnReply.Cli.Output;
using HnReply.Models;
using HnReply.NGram;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply train ngram</c>: rung 1, interpolated modified Kneser-Ney.</summary>
internal static class TrainNGramCommand
{
    private static readonly Option<int> Order = new("--order") { Description = "n-gram order, 1 to 6", DefaultValueFactory = _ => new NGramOptions().Order };

    public static Command Create()
    {
        var command = new Command("ngram", "Train an interpolated modified Kneser-Ney n-gram model (writes model.arpa for KenLM and SRILM too)")
        {
            TrainCommand.Out, Order, ConfigFile.Path,
        };
        TokenizerFlags.AddTo(command);
        TrainingData.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var config = ConfigFile.Read(parse);
            var options = new NGramOptions { Order = config.Get(parse, Order) };
            options.Validate();
            var tokenization = TokenizerFlags.Read(parse);
            int minCount = TokenizerFlags.ReadMinCount(parse), maxVocabulary = TokenizerFlags.ReadMaxVocabulary(parse);
            string output = parse.GetValue(TrainCommand.Out)!;
            var data = TrainingData.Read(parse);
            await Console.Error.WriteLineAsync($"train ngram: order {options.Order}, tokenizer {tokenization.Kind.ToString().ToLowerInvariant()}" +
                $"{(tokenization.Lowercase ? " (lower-cased)" : "")}, min count {minCount}, max vocabulary {maxVocabulary:N0}; {data.Train.Count:N0} training documents from {data.Source}").ConfigureAwait(false);

            var clock = Stopwatch.StartNew();
            var model = await ProgressDisplay.RunAsync("train ngram", "tokens", progress => Task.Run(() =>
                NGramLanguageModel.Train(data.Train, tokenization, minCount, maxVocabulary, options,
                    new Progress(progress)), cancellationToken)).ConfigureAwait(false);
            double seconds = clock.Elapsed.TotalSeconds;
            foreach (string warning in model.Model.Warnings) await Console.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);

            var metrics = new JsonObject { ["build_seconds"] = Math.Round(seconds, 3) };
            foreach (var (name, documents) in new[] { ("valid", data.Valid), ("test", data.Test) })
            {
                if (documents is not { Count: > 0 }) continue;
                var result = model.Model.Perplexity(documents.Select(d => (ReadOnlyMemory<int>)model.Vocabulary.Encode(model.Tokenizer.Tokenize(d))));
                metrics[$"{name}_ppl"] = Math.Round(result.Perplexity, 4);
                metrics[$"{name}_tokens"] = result.Tokens;
            }
            model.Save(output, new ModelManifest
            {
                Format = NGramLanguageModel.FormatTag,
                Options = NGramLanguageModel.DescribeOptions(options, minCount, maxVocabulary),
                Data = new JsonObject { ["source"] = data.Source, ["train_documents"] = data.Train.Count, ["ngrams"] = new JsonArray([.. model.Model.NGramCounts.Select(c => JsonValue.Create(c))]) },
                Metrics = metrics,
            });
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(metrics);
            else Console.Out.WriteLine($"wrote {output}: vocabulary {model.Vocabulary.Count:N0}, n-grams {string.Join(" / ", model.Model.NGramCounts.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}, " +
                                       $"built in {seconds:F1} s; " + string.Join(", ", metrics.Where(m => m.Key.EndsWith("_ppl", StringComparison.Ordinal)).Select(m => $"{m.Key.Replace('_', ' ')} {m.Value}")));
            return 0;
        });
        return command;
    }

    private sealed class Progress(IProgress<ProgressReading> display) : IProgress<NGramProgress>
    {
        public void Report(NGramProgress value) => display.Report(new ProgressReading(value.Tokens, null, value.Stage.ToString()));
    }
}
