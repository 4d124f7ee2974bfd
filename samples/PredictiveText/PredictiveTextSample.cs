using HnReply.Evaluation;
using HnReply.NGram;
using HnReply.Text;

namespace HnReply.Samples.PredictiveText;

/// <summary>
/// The problem: predict the next word. A trigram Kneser-Ney model (rung 1) learns from a dozen
/// sentences (written for this sample — synthetic, not HN data), then is measured the way every rung
/// is: perplexity by hand, the evaluator's perplexity, top-k and keystroke savings, and suggestions.
/// </summary>
public static class PredictiveTextSample
{
    private static readonly string[] Training =
    [
        "I think the problem is the build system",
        "I think the problem is the package manager",
        "I think the compiler is too slow",
        "the build system is too slow for a large project",
        "the package manager is the best part of the language",
        "the compiler is fast enough for most projects",
        "I think you are right about the compiler",
        "you are right about the build system",
        "the problem is that the language is too complex",
        "most projects do not need a package manager",
        "I think most projects are too large",
        "the language is fast enough",
    ];

    private static readonly string[] HeldOut =
    [
        "I think the package manager is too slow",
        "you are right about the language",
        "the build system is the problem",
    ];

    public static void Run(TextWriter output)
    {
        var model = NGramLanguageModel.Train(Training, new TokenizerOptions { Lowercase = true },
            minCount: 1, maxVocabulary: 10_000, new NGramOptions { Order = 3 });
        output.WriteLine($"trigram model: {model.Vocabulary.Count} vocabulary entries, n-grams per order {string.Join(" / ", model.Model.NGramCounts)}");

        // Perplexity by hand: e to the mean negative log-probability of every held-out token and of
        // one </s> per sentence, each sentence read from the begin state.
        double negativeLogLikelihood = 0;
        int tokens = 0;
        foreach (string sentence in HeldOut)
        {
            var state = model.Begin();
            var ids = model.Vocabulary.Encode(model.Tokenizer.Tokenize(sentence));
            foreach (int id in ids.Append(Vocabulary.Eos))
            {
                negativeLogLikelihood -= model.LogProbability(state, id);
                tokens++;
                state = model.Advance(state, id);
            }
        }
        output.WriteLine($"perplexity by hand: {Math.Exp(negativeLogLikelihood / tokens):F4} over {tokens} tokens");

        // The evaluator behind `hnreply eval`: the same perplexity, plus next-word accuracy and keystroke savings.
        var report = new LanguageModelEvaluator(model).Evaluate(HeldOut);
        output.WriteLine($"evaluator: perplexity {report.Perplexity:F4} over {report.Tokens} tokens; top-1 {report.Top1:P1}, top-3 {report.Top3:P1}, top-5 {report.Top5:P1} of {report.WordPositions} word positions; keystrokes saved {report.KeystrokeSavings:P1}");

        // Suggestions: the three most likely next words after a context, as `hnreply suggest` shows them.
        var context = model.Begin();
        foreach (int id in model.Vocabulary.Encode(model.Tokenizer.Tokenize("I think the")))
            context = model.Advance(context, id);
        var suggestions = model.TopWords(context, 3).Select(s => $"{model.Vocabulary.Token(s.Id)} ({s.Probability:P0})");
        output.WriteLine($"after \"I think the\": {string.Join(", ", suggestions)}");
    }
}
