using System.Diagnostics;
using System.Globalization;
using HnReply.Evaluation;
using HnReply.Neural.Lstm;
using HnReply.Prediction;
using TorchSharp;

namespace HnReply.Bench;

/// <summary>
/// Where an LSTM's eval time goes, on real text: batched scoring alone (log-probabilities only),
/// with top-5 words, the evaluator without keystroke savings, and the whole <see cref="LanguageModelEvaluator"/> (keystroke savings too).
/// Beside wall-clock rates it prints the process's CPU time: with one libtorch thread
/// (<c>THREADS</c> = 1) that stays comparable when other work shares the machine.
/// </summary>
internal static class LstmEvalBench
{
    public static int Run(string[] args)
    {
        if (args.Length > 2) torch.set_num_threads(int.Parse(args[2], CultureInfo.InvariantCulture));
        using var model = LstmLanguageModel.Load(args[0]);
        var documents = File.ReadLines(args[1]).ToList();
        var ids = documents.Select(d => model.Vocabulary.Encode(model.Tokenizer.Tokenize(d))).ToList();
        long tokens = ids.Sum(d => d.Length + 1L);
        Console.WriteLine($"lstm-eval bench: {args[0]} on {args[1]}: {documents.Count:N0} documents, {tokens:N0} tokens, libtorch threads {torch.get_num_threads()}");
        for (int round = 0; round < 2; round++)
        {
            Time("scoring, log-probabilities only", tokens, () => model.ScoreDocuments(ids, new BatchScoring(0), (in ScoredPosition _) => { }));
            Time("scoring with top-5 words", tokens, () => model.ScoreDocuments(ids, new BatchScoring(5), (in ScoredPosition _) => { }));
            Time("eval without keystroke savings", tokens, () => new LanguageModelEvaluator(model, keystrokeWords: 0).Evaluate(documents));
            Time("eval (top-5 and keystroke savings)", tokens, () => new LanguageModelEvaluator(model).Evaluate(documents));
        }
        return 0;
    }

    private static void Time(string what, long tokens, Action work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        double seconds = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"  {what}: {seconds:F2} s = {tokens / seconds:N0} tokens/s; CPU {cpuSeconds:F2} s = {tokens / cpuSeconds:N0} tokens per CPU second");
    }
}
