using System.Diagnostics;
using System.Globalization;
using HnReply.Word2Vec;

namespace HnReply.Bench;

/// <summary>
/// word2vec training speed on a text file, with the C tool's flags (<c>-cbow 0 -size 100 ...</c>), so
/// the same command line runs both tools. Defaults are the issue's reference setting: skip-gram,
/// size 100, window 5, negative 5, sample 1e-4, iter 5, 2 threads. <c>-output FILE</c> writes the
/// vectors in the C tool's binary format for compute-accuracy.
/// </summary>
internal static class Word2VecBench
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || args.Length % 2 == 0)
        {
            Console.Error.WriteLine("usage: HnReply.Bench word2vec FILE [-cbow 0|1] [-size N] [-window N] [-negative N] [-hs 0|1] [-sample X] [-alpha X] [-min-count N] [-iter N] [-threads N] [-seed N] [-output FILE]");
            return 1;
        }
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Length; i += 2) flags[args[i]] = args[i + 1];
        string Get(string name, string fallback) => flags.GetValueOrDefault(name, fallback);
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var options = new Word2VecOptions
        {
            Architecture = Int("-cbow", 0) == 1 ? Word2VecArchitecture.Cbow : Word2VecArchitecture.SkipGram,
            Size = Int("-size", 100),
            Window = Int("-window", 5),
            Negative = Int("-negative", 5),
            HierarchicalSoftmax = Int("-hs", 0) == 1,
            Sample = double.Parse(Get("-sample", "1e-4"), CultureInfo.InvariantCulture),
            Alpha = flags.TryGetValue("-alpha", out string? alpha) ? double.Parse(alpha, CultureInfo.InvariantCulture) : null,
            MinCount = Int("-min-count", 5),
            Iterations = Int("-iter", 5),
            Threads = Int("-threads", 2),
            Seed = Int("-seed", 1),
        };

        var clock = Stopwatch.StartNew();
        var corpus = Word2VecCorpus.ReadFile(args[0], options.MinCount);
        var read = clock.Elapsed;
        var result = new Word2VecTrainer(options).Train(corpus);
        var total = clock.Elapsed;
        if (flags.TryGetValue("-output", out string? output)) WordVectorFile.Write(output, result.Vectors, WordVectorFormat.Binary);
        Console.WriteLine($"word2vec {options.ToCommandLine()}: {corpus.Vocabulary.Count:N0} words in vocabulary, {corpus.Vocabulary.TotalCount:N0} in text; " +
                          $"read {read.TotalSeconds:F2} s, train {result.Elapsed.TotalSeconds:F2} s = {result.WordsPerSecond:N0} words/s " +
                          $"({result.WordsPerSecond / options.Threads:N0} per thread); read+train {total.TotalSeconds:F2} s; " +
                          $"loss per pass {string.Join(" ", result.Epochs.Select(e => e.Loss.ToString("F4", CultureInfo.InvariantCulture)))}");
        return 0;
    }
}
