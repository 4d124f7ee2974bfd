using System.Diagnostics;
using System.Globalization;
using HnReply.Evaluation;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Training;
using HnReply.Prediction;
using HnReply.Text;
using TorchSharp;

namespace HnReply.Bench;

/// <summary>
/// The default LSTM (one layer of 256, batch 64, BPTT 35, AdamW) on a 30,000-word vocabulary of
/// synthetic Zipf text (speed only — the numbers say nothing about perplexity): training tokens/s
/// with the full and the adaptive softmax in one run (alternating rounds, median of each), then for
/// each the model's batched eval rate (<see cref="LanguageModelEvaluator"/>, every metric included)
/// on documents of HN-like lengths, and the latency of one suggestion (one LSTM step + top-5 words),
/// p50 and p99 over 1,000 keystrokes.
/// </summary>
internal static class LstmVocabularyBench
{
    private const int Vocabulary = 30_000;

    public static int Run(string[] args)
    {
        int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var vocabulary = HnReply.Text.Vocabulary.FromTokens(Enumerable.Range(4, Vocabulary - 4).Select(i => $"w{i}").ToList());
        var random = new Random(1);
        var base_ = new LstmOptions { Epochs = 1, Threads = threads, CheckpointSeconds = 3600, Patience = 0, ReduceOnPlateau = false };
        int documents = (steps + 5) * base_.Bptt * base_.BatchSize / 75 + 1;
        var train = Enumerable.Range(0, documents).Select(_ => Document(random)).ToList();
        var held = Enumerable.Range(0, 400).Select(_ => Document(random)).ToList();
        Console.WriteLine($"lstm-vocab bench: vocabulary {Vocabulary:N0}, {steps} steps a round, {rounds} rounds, libtorch threads {(threads > 0 ? threads : torch.get_num_threads())}");

        var rates = new Dictionary<SoftmaxKind, List<double>> { [SoftmaxKind.Full] = [], [SoftmaxKind.Adaptive] = [] };
        var folders = new Dictionary<SoftmaxKind, string>();
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                foreach (var softmax in rates.Keys)
                {
                    string folder = folders.TryGetValue(softmax, out var f) ? f : folders[softmax] = Directory.CreateTempSubdirectory($"hnreply-bench-{softmax}-").FullName;
                    if (Directory.Exists(Path.Combine(folder, "checkpoint"))) Directory.Delete(Path.Combine(folder, "checkpoint"), recursive: true);
                    rates[softmax].Add(TrainingRate(base_ with { Softmax = softmax }, train.Take(steps * base_.Bptt * base_.BatchSize / 75).ToList(), folder, vocabulary));
                }
            }
            double full = Median(rates[SoftmaxKind.Full]), adaptive = Median(rates[SoftmaxKind.Adaptive]);
            Console.WriteLine($"lstm training: full softmax {full:N0} tokens/s, adaptive {adaptive:N0} tokens/s (medians of {rounds}: {Join(rates[SoftmaxKind.Full])} | {Join(rates[SoftmaxKind.Adaptive])}) = {adaptive / full:F2}x");
            foreach (var (softmax, folder) in folders)
            {
                using var model = LstmLanguageModel.Load(folder);
                var texts = held.Select(d => string.Join(' ', d.Select(vocabulary.Token))).ToList();
                var report = new LanguageModelEvaluator(model).Evaluate(texts);
                Console.WriteLine($"lstm eval ({softmax}): {report.Tokens:N0} tokens in {report.Seconds:F2} s = {report.TokensPerSecond:N0} tokens/s (batched, with top-5 and keystroke savings)");
                Latency(model, softmax, random);
            }
        }
        finally
        {
            foreach (string folder in folders.Values) Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    private static double TrainingRate(LstmOptions options, List<int[]> train, string folder, Vocabulary vocabulary)
    {
        double rate = 0;
        var trainer = new LstmTrainer(options, Vocabulary);
        var result = trainer.Train(folder, train, train.Take(10).ToList(), resume: false, progress: new Callback(p => rate = p.TokensPerSecond));
        vocabulary.Save(Path.Combine(folder, HnReply.Text.Vocabulary.FileName));
        ModelDirectory.WriteManifest(folder, new ModelManifest
        {
            Format = LstmLanguageModel.FormatTag,
            Options = ModelDirectory.ToJsonObject(options.ResolveFor(Vocabulary)),
            Tokenizer = ModelDirectory.ToJsonObject(new TokenizerOptions { Kind = TokenizerKind.Whitespace }),
            VocabularySize = Vocabulary,
        });
        return result.Steps > 0 ? rate : 0;
    }

    // One step + top-5 words per keystroke, as `type` and the server do.
    private static void Latency(LstmLanguageModel model, SoftmaxKind softmax, Random random)
    {
        var state = model.Begin();
        var times = new List<double>();
        for (int i = 0; i < 1_050; i++)
        {
            var clock = Stopwatch.StartNew();
            state = model.Advance(state, Zipf(random));
            _ = model.TopWords(state, 5);
            if (i >= 50) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"lstm suggestion ({softmax}): p50 {times[times.Count / 2]:F2} ms, p99 {times[(int)(times.Count * 0.99)]:F2} ms (one step + top-5 of {Vocabulary:N0})");
    }

    // HN-like lengths: geometric with mean ~75 tokens.
    private static int[] Document(Random random)
    {
        int length = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 75);
        return Enumerable.Range(0, length).Select(_ => Zipf(random)).ToArray();
    }

    private static int Zipf(Random random) => Math.Min(Vocabulary - 1, 4 + (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(Vocabulary - 4))) - 1);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)));

    private sealed class Callback(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
