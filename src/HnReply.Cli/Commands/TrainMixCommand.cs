using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HnReply.Cli.Output;
using HnReply.Corpus;
using HnReply.Evaluation;
using HnReply.Mixture;
using HnReply.Neural.Models;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply train mix --out DIR --models A B [C...]</c>: rung 3+, language models interpolated
/// linearly with weights fitted by EM on validation text (<c>--valid FILE</c> or the store's valid
/// split). The directory it writes names its components; every command takes it like any model.
/// </summary>
internal static class TrainMixCommand
{
    private static readonly MixtureOptions Defaults = new();
    private static readonly Option<string[]> Models = new("--models")
    {
        Description = "Language model directories to mix: two or more trained on the same text (same vocabulary and tokenizer)",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<int> Limit = new("--limit") { Description = "Fit on at most this many validation documents (0 = all)", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> MaxIterations = new("--max-iterations") { Description = "Most EM steps", DefaultValueFactory = _ => Defaults.MaxIterations };
    private static readonly Option<double> Tolerance = new("--tolerance")
    {
        Description = "Stop when an EM step gains less than this in mean log-likelihood per token",
        DefaultValueFactory = _ => Defaults.Tolerance,
    };

    public static Command Create()
    {
        var command = new Command("mix", "Mix language models linearly (e.g. the LSTM with the n-gram), weights fitted by EM on validation text")
        {
            TrainCommand.Out, Models, TrainingData.ValidFile, Limit, MaxIterations, Tolerance, ConfigFile.Path,
        };
        SplitFlags.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var config = ConfigFile.Read(parse);
            var options = new MixtureOptions { MaxIterations = config.Get(parse, MaxIterations), Tolerance = config.Get(parse, Tolerance) };
            options.Validate();
            int limit = parse.GetValue(Limit);
            if (limit < 0) throw new ArgumentException($"--limit must be 0 or more, got {limit}");
            string output = parse.GetValue(TrainCommand.Out)!;
            string[] directories = parse.GetValue(Models)!;
            if (directories.Length < 2) throw new ArgumentException($"--models needs two or more language model directories, got {directories.Length}");
            TrainCommand.CheckOutput(output, directories, "one of the --models", "mixture");
            var (documents, source) = ValidationDocuments(parse, limit);

            var loaded = new List<LoadedModel>();
            try
            {
                foreach (string directory in directories) loaded.Add(ModelLoader.LoadLanguageModel(directory));
                var models = loaded.Select(l => l.AsLanguageModel()).ToList();
                MixtureLanguageModel.CheckCompatible(models, directories);
                await Console.Error.WriteLineAsync($"train mix: {string.Join(" + ", loaded.Select(l => $"{l.Directory} ({l.Kind})"))}; " +
                                                   $"fitting the weights on {documents.Count:N0} documents from {source}").ConfigureAwait(false);
                var fit = await ProgressDisplay.RunAsync("train mix", "documents", progress => Task.Run(() =>
                    MixtureEstimator.Estimate(models, documents, options, directories, new Progress(progress), cancellationToken), cancellationToken)).ConfigureAwait(false);
                MixtureDefinition.Save(output, directories, models[0], fit, options, new JsonObject { ["source"] = source, ["valid_documents"] = documents.Count });
                Report(output, loaded, fit, parse.GetValue(GlobalOptions.Json));
            }
            finally
            {
                foreach (var model in loaded) model.Dispose();
            }
            return 0;
        });
        return command;
    }

    private static (List<string> Documents, string Source) ValidationDocuments(ParseResult parse, int limit)
    {
        var (documents, source) = GlobalOptions.FileOrStore(parse, parse.GetValue(TrainingData.ValidFile), file =>
        {
            if (Directory.Exists(file)) throw new ArgumentException($"{file}: is a directory; --valid takes a plain-text file, one document per line");
            if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such file");
            return File.ReadLines(file);
        }, store => store.Comments(SplitFlags.Read(parse), Split.Valid), "valid");
        if (documents.Count == 0) throw new ArgumentException($"{source}: no validation documents to fit the weights on; pass --valid FILE");
        return (limit > 0 ? documents.Take(limit).ToList() : documents, source);
    }

    private static void Report(string output, List<LoadedModel> loaded, MixtureFit fit, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new
            {
                model = output,
                components = loaded.Select((l, i) => new { model = l.Directory, kind = l.Kind, weight = fit.Weights[i], valid_ppl = fit.ComponentPerplexities[i] }),
                valid_ppl = fit.Perplexity,
                valid_tokens = fit.Tokens,
                iterations = fit.Iterations,
                converged = fit.Converged,
            });
            return;
        }
        double best = fit.ComponentPerplexities.Min();
        Console.Out.WriteLine($"wrote {output}: weights {string.Join(", ", loaded.Select((l, i) => $"{l.Directory} {F(fit.Weights[i], "F3")}"))} " +
                              $"(EM, {fit.Iterations} steps{(fit.Converged ? "" : ", not converged")})");
        Console.Out.WriteLine($"valid perplexity over {fit.Tokens:N0} tokens: {string.Join(", ", loaded.Select((l, i) => $"{l.Directory} {F(fit.ComponentPerplexities[i], "F2")}"))}, " +
                              $"mix {F(fit.Perplexity, "F2")} ({F((1 - fit.Perplexity / best) * 100, "F1")} % below the best)");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed class Progress(IProgress<ProgressReading> display) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => display.Report(new ProgressReading(value.Done, value.Total, ""));
    }
}
