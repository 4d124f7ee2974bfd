using HnReply.Prediction;

namespace HnReply.Evaluation;

/// <summary>
/// A language model's perplexity of replies read alone (no parent): every token and one &lt;/s&gt;
/// each, from the begin-of-document state — the number a reply model's conditional perplexity of
/// the same replies is compared with (their difference is what the parent contributes).
/// </summary>
public static class ReplyPerplexity
{
    public static double Of(ILanguageModel model, IEnumerable<string> replies)
    {
        var documents = replies.Select(r => model.Vocabulary.Encode(model.Tokenizer.Tokenize(r))).ToList();
        double total = 0;
        long count = 0;
        DocumentScoring.Score(model, documents, new BatchScoring(0), (in ScoredPosition p) =>
        {
            total -= p.LogProbability;
            count++;
        });
        return Math.Exp(total / count);
    }
}
