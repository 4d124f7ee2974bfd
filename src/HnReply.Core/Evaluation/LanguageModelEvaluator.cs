using System.Diagnostics;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Evaluation;

/// <summary>
/// Scores held-out documents with any <see cref="ILanguageModel"/> the DESIGN.md way (every token
/// plus one &lt;/s&gt; per document; unknown words as &lt;unk&gt;), and at the same positions
/// measures next-word top-1/3/5 accuracy and, for the first <paramref name="keystrokeWords"/> words,
/// keystroke savings with top-3 suggestions.
/// </summary>
public sealed class LanguageModelEvaluator(ILanguageModel model, int keystrokeWords = 3_000)
{
    public LanguageModelReport Evaluate(IReadOnlyList<string> documents, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var perplexity = new PerplexityAccumulator();
        var keystrokes = new KeystrokeSavings();
        long[] hits = new long[3];
        long keystrokeWordsDone = 0;
        var probabilities = new float[model.Vocabulary.Count];
        for (int d = 0; d < documents.Count; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tokens = model.Tokenizer.Tokenize(documents[d]);
            int[] ids = [.. model.Vocabulary.Encode(tokens), Vocabulary.Eos];
            perplexity.AddDocument(documents[d]);
            var state = model.Begin();
            for (int i = 0; i < ids.Length; i++)
            {
                // Exact log-probability and the top 5 come from the model's own fast paths; the full
                // distribution is only needed for the words whose keystrokes are simulated.
                int target = ids[i];
                perplexity.Add(model.LogProbability(state, target));
                var top = model.TopK(state, 5);
                int rank = IndexOf(top, target);
                if (rank is >= 0 and < 1) hits[0]++;
                if (rank is >= 0 and < 3) hits[1]++;
                if (rank >= 0) hits[2]++;
                if (i < tokens.Count && keystrokeWordsDone < keystrokeWords && target != Vocabulary.Unk && tokens[i].Any(char.IsLetter))
                {
                    model.NextTokenProbabilities(state, probabilities);
                    keystrokes.AddWord(tokens[i], Suggestions(probabilities));
                    keystrokeWordsDone++;
                }
                if (i + 1 < ids.Length) state = model.Advance(state, target);
            }
            progress?.Report(new EvaluationProgress(d + 1, documents.Count));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        double n = Math.Max(1, perplexity.Tokens);
        return new LanguageModelReport(documents.Count, perplexity.Tokens, perplexity.Perplexity, perplexity.BitsPerCharacter,
            hits[0] / n, hits[1] / n, hits[2] / n, keystrokes.Savings, keystrokeWordsDone, perplexity.Tokens / Math.Max(seconds, 1e-9), seconds);
    }

    private static int IndexOf(IReadOnlyList<(int Id, double Probability)> top, int target)
    {
        for (int i = 0; i < top.Count; i++)
        {
            if (top[i].Id == target) return i;
        }
        return -1;
    }

    // Top-3 offered words for each typed prefix, from one sort of the distribution at this position.
    private Func<string, IReadOnlyList<string>> Suggestions(float[] probabilities)
    {
        var ranked = Enumerable.Range(0, probabilities.Length)
            .Where(id => probabilities[id] > 0 && PrefixIndex.IsOffered(model.Vocabulary.Token(id)))
            .OrderByDescending(id => probabilities[id]).ThenBy(id => id)
            .Select(model.Vocabulary.Token)
            .ToArray();
        return prefix => ranked.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Take(3).ToList();
    }
}
