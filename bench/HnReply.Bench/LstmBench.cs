using System.Diagnostics;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Training;
using HnReply.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Bench;

/// <summary>
/// LSTM training speed for the small preset (vocabulary 10k, batch 20, BPTT 20): first a bare
/// TorchSharp step loop (embedding, 2-layer LSTM, linear, cross-entropy, backward, clip, SGD) timed
/// phase by phase, then the whole <see cref="LstmTrainer"/> on the same shapes, then next-word
/// suggestion latency of the trained model (one LSTM step plus top-5).
/// </summary>
internal static class LstmBench
{
    private const int Vocabulary = 10_000, Batch = 20, Bptt = 20, Warmup = 10;

    public static int Run(string[] args)
    {
        int steps = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        int threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (threads > 0) torch.set_num_threads(threads);
        Console.WriteLine($"lstm bench: {steps} steps, small preset shapes, libtorch threads {torch.get_num_threads()}");
        double bare = BareLoop(steps);
        string folder = Directory.CreateTempSubdirectory("hnreply-lstm-bench-").FullName;
        try
        {
            double trainer = TrainerLoop(steps, folder, threads);
            Console.WriteLine($"lstm trainer: {trainer:N0} tokens/s = {100 * (bare - trainer) / bare:F1}% below the bare loop");
            SuggestionLatency(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    private static double BareLoop(int steps)
    {
        torch.manual_seed(1);
        using var embedding = nn.Embedding(Vocabulary, 200);
        using var lstm = nn.LSTM(200, 200, 2);
        using var decoder = nn.Linear(200, Vocabulary);
        var parameters = embedding.parameters().Concat(lstm.parameters()).Concat(decoder.parameters()).ToList();
        using var sgd = optim.SGD(parameters, 1.0);
        var h = (zeros(2, Batch, 200), zeros(2, Batch, 200));
        var phase = new double[4];
        var clock = new Stopwatch();
        long tokens = 0;
        var total = new Stopwatch();
        for (int step = 0; step < steps + Warmup; step++)
        {
            if (step == Warmup) { total.Restart(); Array.Clear(phase); tokens = 0; }
            using var scope = NewDisposeScope();
            var input = randint(Vocabulary, [Bptt, Batch]);
            var target = randint(Vocabulary, [Bptt, Batch]);
            clock.Restart();
            var (output, hn, cn) = lstm.forward(embedding.forward(input), h);
            var loss = nn.functional.cross_entropy(decoder.forward(output).view(-1, Vocabulary), target.view(-1));
            phase[0] += clock.Elapsed.TotalSeconds;
            clock.Restart();
            sgd.zero_grad();
            loss.backward();
            phase[1] += clock.Elapsed.TotalSeconds;
            clock.Restart();
            nn.utils.clip_grad_norm_(parameters, 5);
            phase[2] += clock.Elapsed.TotalSeconds;
            clock.Restart();
            sgd.step();
            phase[3] += clock.Elapsed.TotalSeconds;
            h.Item1.Dispose();
            h.Item2.Dispose();
            h = (hn.detach().MoveToOuterDisposeScope(), cn.detach().MoveToOuterDisposeScope());
            tokens += Bptt * Batch;
        }
        double seconds = total.Elapsed.TotalSeconds;
        Console.WriteLine($"lstm bare loop: {tokens / seconds:N0} tokens/s; per step forward {1000 * phase[0] / steps:F1} ms, " +
                          $"backward {1000 * phase[1] / steps:F1} ms, clip {1000 * phase[2] / steps:F1} ms, SGD step {1000 * phase[3] / steps:F1} ms, " +
                          $"rest {1000 * (seconds - phase.Sum()) / steps:F1} ms");
        return tokens / seconds;
    }

    // One epoch of exactly steps + warm-up chunks of Zipf-distributed ids, so the run ends with saved weights.
    private static double TrainerLoop(int steps, string folder, int threads)
    {
        var random = new Random(2);
        int documents = (steps + Warmup) * Bptt * Batch / 25 + 1;
        var train = Enumerable.Range(0, documents).Select(_ => Enumerable.Range(0, 24).Select(_ => Zipf(random)).ToArray()).ToList();
        var valid = train.Take(20).ToList();
        var options = LstmOptions.ForPreset(LstmPreset.Small) with { Epochs = 1, Threads = threads, CheckpointSeconds = 60 };
        var rates = new List<double>();
        var clock = Stopwatch.StartNew();
        long firstStep = 0;
        double start = 0;
        new LstmTrainer(options, Vocabulary).Train(folder, train, valid, resume: false, progress: new Callback(p =>
        {
            if (p.Step == Warmup) { firstStep = p.Step; start = clock.Elapsed.TotalSeconds; }
            if (p.Step > Warmup) rates.Add((p.Step - firstStep) * Bptt * Batch / (clock.Elapsed.TotalSeconds - start));
        }));
        var vocabulary = HnReply.Text.Vocabulary.FromTokens(Enumerable.Range(4, Vocabulary - 4).Select(i => $"w{i}").ToList());
        vocabulary.Save(Path.Combine(folder, HnReply.Text.Vocabulary.FileName));
        ModelDirectory.WriteManifest(folder, new ModelManifest
        {
            Format = LstmLanguageModel.FormatTag,
            Options = ModelDirectory.ToJsonObject(options),
            Tokenizer = ModelDirectory.ToJsonObject(new TokenizerOptions { Kind = TokenizerKind.Whitespace }),
            VocabularySize = vocabulary.Count,
        });
        return rates.Count == 0 ? 0 : rates[^1];
    }

    private static void SuggestionLatency(string folder)
    {
        using var model = LstmLanguageModel.Load(folder);
        var random = new Random(3);
        var state = model.Begin();
        for (int i = 0; i < 20; i++) state = model.Advance(state, Zipf(random));
        var clock = Stopwatch.StartNew();
        const int keystrokes = 1_000;
        for (int i = 0; i < keystrokes; i++)
        {
            state = model.Advance(state, Zipf(random));
            _ = model.TopWords(state, 5);
        }
        Console.WriteLine($"lstm suggestion latency: {1000 * clock.Elapsed.TotalSeconds / keystrokes:F2} ms per word (one LSTM step + top-5 of 10k)");
    }

    private static int Zipf(Random random) => Math.Min(Vocabulary - 1, 4 + (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(Vocabulary - 4))) - 1);

    private sealed class Callback(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
