using System.Diagnostics;
using System.Globalization;
using HnReply.NGram;

namespace HnReply.Bench;

/// <summary>
/// N-gram build and query rates: a 4-gram estimated from TOKENS words of real English (or
/// synthetic text), written and read back as ARPA and as the binary form, then single-threaded
/// scoring (tokens/s) and top-5 suggestions (queries/s) over held-out sentences.
/// </summary>
internal static class NGramBench
{
    /// <summary>Arguments: [WORDS (default 10M)] [TEXT_DIR (default synthetic)] [--vary] [--order N (default 4)].</summary>
    public static int Run(string[] args)
    {
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        int orderAt = Array.IndexOf(args, "--order");
        int order = orderAt >= 0 ? int.Parse(args[orderAt + 1], CultureInfo.InvariantCulture) : 4;
        if (orderAt >= 0) positional.Remove(args[orderAt + 1]);
        long tokens = positional.Count > 0 ? long.Parse(positional[0], CultureInfo.InvariantCulture) : 10_000_000;
        bool vary = args.Contains("--vary");

        var corpus = NGramBenchCorpus.Load(positional.Count > 1 ? positional[1] : null);
        Console.WriteLine($"ngram: corpus {corpus.Source}: {corpus.TrainWords:N0} training words in {corpus.Train.Count:N0} sentences, " +
                          $"vocabulary {corpus.Vocabulary.Count:N0}; repeated{(vary ? " with 10% of words varied" : "")} to {tokens:N0} words; " +
                          $"{corpus.Test.Count:N0} held-out sentences");
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);

        var stages = new StageTimes();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var model = KneserNeyEstimator.Estimate(corpus.Repeated(tokens, vary), corpus.Vocabulary.Count, new NGramOptions { Order = order }, stages);
        clock.Stop();
        using (var self = Process.GetCurrentProcess())
        {
            cpu = self.TotalProcessorTime - cpu;
            Console.WriteLine($"build: {order}-gram from {tokens:N0} words in {clock.Elapsed.TotalSeconds:F2} s = {tokens / clock.Elapsed.TotalSeconds:N0} words/s " +
                              $"(CPU {cpu.TotalSeconds:F2} s); " +
                              $"n-grams {string.Join(" / ", model.NGramCounts.Select(c => c.ToString("N0", null)))}; " +
                              $"peak working set {self.PeakWorkingSet64 / 1e6:N0} MB (corpus and runtime {baseline / 1e6:N0} MB)");
        }
        Console.WriteLine($"  stages: {stages}");
        foreach (string warning in model.Warnings) Console.WriteLine($"  warning: {warning}");

        RoundTrip(model, corpus);
        Queries(model, corpus);
        return 0;
    }

    private static void RoundTrip(NGramModel model, NGramBenchCorpus corpus)
    {
        string folder = Directory.CreateTempSubdirectory("hnreply-bench-ngram-").FullName;
        try
        {
            string arpa = Path.Combine(folder, "model.arpa"), binary = Path.Combine(folder, "model.bin");
            double writeArpa = Time(() => ArpaWriter.Write(model, corpus.Vocabulary, arpa));
            double writeBinary = Time(() => NGramBinaryFile.Write(model, corpus.Vocabulary, binary));
            NGramModel? fromArpa = null, fromBinary = null;
            double readArpa = Time(() => fromArpa = ArpaReader.Read(arpa).Model);
            double readBinary = Time(() => fromBinary = NGramBinaryFile.Read(binary).Model);
            bool same = corpus.Test.Take(2000).All(s => fromArpa!.ScoreSentence(s) == model.ScoreSentence(s) && fromBinary!.ScoreSentence(s) == model.ScoreSentence(s));
            Console.WriteLine($"files: ARPA {new FileInfo(arpa).Length / 1e6:N0} MB written in {writeArpa:F2} s, read in {readArpa:F2} s; " +
                              $"binary {new FileInfo(binary).Length / 1e6:N0} MB written in {writeBinary:F2} s, read in {readBinary:F2} s; " +
                              $"scores after reading {(same ? "identical" : "DIFFERENT")}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Queries(NGramModel model, NGramBenchCorpus corpus)
    {
        var perplexity = model.Perplexity(corpus.Test.Select(s => new ReadOnlyMemory<int>(s)));
        Console.WriteLine($"held-out: {perplexity.Tokens:N0} tokens ({perplexity.OovTokens:N0} <unk>), perplexity {perplexity.Perplexity:F2} " +
                          $"({perplexity.PerplexityExcludingOov:F2} without <unk>)");

        long scored = 0;
        double sink = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 3)
        {
            foreach (var sentence in corpus.Test)
            {
                var state = model.Begin();
                foreach (int token in sentence)
                {
                    sink += model.Score(state, token, out state);
                }
                sink += model.Score(state, 2, out _);
                scored += sentence.Length + 1;
            }
        }
        clock.Stop();
        Console.WriteLine($"score: {scored:N0} tokens in {clock.Elapsed.TotalSeconds:F2} s = {scored / clock.Elapsed.TotalSeconds:N0} tokens/s (one thread; checksum {sink:E3})");

        long suggested = 0;
        var best = new (int Id, double Probability)[5];
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < 3)
        {
            foreach (var sentence in corpus.Test)
            {
                var state = model.Begin();
                foreach (int token in sentence)
                {
                    model.TopK(state, 5, best);
                    model.Score(state, token, out state);
                    suggested++;
                }
            }
        }
        clock.Stop();
        Console.WriteLine($"suggest: {suggested:N0} top-5 queries in {clock.Elapsed.TotalSeconds:F2} s = {suggested / clock.Elapsed.TotalSeconds:N0} queries/s (one thread, incl. advancing the state)");

        // The naive way, for comparison: the whole distribution, then the five largest.
        long naive = 0;
        var p = new double[model.VocabularySize];
        clock.Restart();
        foreach (var sentence in corpus.Test)
        {
            var state = model.Begin();
            foreach (int token in sentence)
            {
                model.Distribution(state, p);
                sink += FiveLargest(p);
                model.Score(state, token, out state);
                naive++;
            }
            if (clock.Elapsed.TotalSeconds > 3) break;
        }
        clock.Stop();
        Console.WriteLine($"suggest, naive (full distribution, then one pass for the top 5): {naive / clock.Elapsed.TotalSeconds:N0} queries/s (checksum {sink:E3})");
    }

    private static double FiveLargest(double[] p)
    {
        Span<double> top = stackalloc double[5];
        foreach (double x in p)
        {
            if (x <= top[4]) continue;
            int i = 4;
            for (; i > 0 && top[i - 1] < x; i--) top[i] = top[i - 1];
            top[i] = x;
        }
        return top[0] + top[1] + top[2] + top[3] + top[4];
    }

    // Seconds spent in each estimator stage, from the progress reports (delivered synchronously).
    private sealed class StageTimes : IProgress<NGramProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(NGramStage Stage, double Start)> _starts = [];

        public void Report(NGramProgress value)
        {
            if (_starts.Count == 0 || _starts[^1].Stage != value.Stage) _starts.Add((value.Stage, _clock.Elapsed.TotalSeconds));
        }

        public override string ToString() => string.Join(", ", _starts.Zip(_starts.Skip(1), (a, b) => $"{a.Stage} {b.Start - a.Start:F2} s"));
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
