using System.Diagnostics;
using HnReply.Evaluation;
using HnReply.Neural.Lstm;
using HnReply.Prediction;

namespace HnReply.Bench;

/// <summary>
/// Where an LSTM's eval time goes, on real text: batched scoring alone (log-probabilities only),
/// with top-5 words, and the whole <see cref="LanguageModelEvaluator"/> (keystroke savings too).
/// </summary>
internal static class LstmEvalBench
{
    public static int Run(string[] args)
    {
        using var model = LstmLanguageModel.Load(args[0]);
        var documents = File.ReadLines(args[1]).ToList();
        var ids = documents.Select(d => model.Vocabulary.Encode(model.Tokenizer.Tokenize(d))).ToList();
        long tokens = ids.Sum(d => d.Length + 1L);
        Console.WriteLine($"lstm-eval bench: {args[0]} on {args[1]}: {documents.Count:N0} documents, {tokens:N0} tokens");
        for (int round = 0; round < 2; round++)
        {
            Time("scoring, log-probabilities only", tokens, () => model.ScoreDocuments(ids, new BatchScoring(0), (in ScoredPosition _) => { }));
            Time("scoring with top-5 words", tokens, () => model.ScoreDocuments(ids, new BatchScoring(5), (in ScoredPosition _) => { }));
            Time("eval (top-5 and keystroke savings)", tokens, () => new LanguageModelEvaluator(model).Evaluate(documents));
        }
        return 0;
    }

    private static void Time(string what, long tokens, Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        Console.WriteLine($"  {what}: {clock.Elapsed.TotalSeconds:F2} s = {tokens / clock.Elapsed.TotalSeconds:N0} tokens/s");
    }
}
