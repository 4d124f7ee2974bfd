using System.Diagnostics;
using HnReply.Corpus;
using HnReply.Neural.Reply;
using HnReply.Neural.Runtime;
using HnReply.Prediction;

namespace HnReply.Bench;

/// <summary>
/// The time of one reply as the acceptance states it: exactly 40 tokens (min = max = 40)
/// with beam 5 and no repeated trigram, for real parents from a pairs file, after one warm-up
/// reply; libtorch on <c>THREADS</c> threads. Prints each time, then p50, mean and max.
/// </summary>
internal static class ReplyBench
{
    public static int Run(string[] args)
    {
        string directory = args[0], pairsFile = args[1];
        int count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        int threads = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
        TorchRuntime.Initialize(ComputeDevice.Cpu, threads);
        using var model = ReplyModel.Load(directory);
        var pairs = ReplyPairFile.Read(pairsFile).Take(count + 1).ToList();
        var request = new ReplyRequest { Beam = 5, NoRepeatNGram = 3, MinTokens = 40, MaxTokens = 40 };
        Console.WriteLine($"reply bench: {directory}, {count} parents from {pairsFile}, 40 tokens, beam 5, no-repeat 3, {threads} thread(s)");
        model.Generate(pairs[0].Parent, pairs[0].Title, request);
        var times = new List<double>();
        foreach (var pair in pairs.Skip(1))
        {
            var clock = Stopwatch.StartNew();
            var replies = model.Generate(pair.Parent, pair.Title, request);
            times.Add(clock.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  {clock.Elapsed.TotalMilliseconds:F0} ms, {replies[0].Pieces.Count} tokens: {replies[0].Text[..Math.Min(80, replies[0].Text.Length)]}");
        }
        times.Sort();
        Console.WriteLine($"one 40-token beam-5 reply: p50 {times[times.Count / 2]:F0} ms, mean {times.Average():F0} ms, max {times[^1]:F0} ms");
        return 0;
    }
}
