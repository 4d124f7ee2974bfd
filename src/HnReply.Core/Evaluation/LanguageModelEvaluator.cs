using System.Diagnostics;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Evaluation;

/// <summary>
/// Scores held-out documents with any <see cref="ILanguageModel"/> the DESIGN.md way: each document
/// from the begin-of-document state, every token plus one &lt;/s&gt;, unknown words as &lt;unk&gt;.
/// At the same positions it measures what a user of suggest sees: next-word top-1/3/5 over the
/// positions whose target is a word (<see cref="Vocabulary.IsWord"/>), among the words suggest would
/// show, and keystroke savings with top-3 suggestions for the first <paramref name="keystrokeWords"/>
/// words. Models that score in batches (<see cref="IBatchLanguageModel"/>) take that path
/// (<see cref="DocumentScoring"/>); the numbers are the same either way.
/// </summary>
public sealed class LanguageModelEvaluator(ILanguageModel model, int keystrokeWords = 3_000)
{
    private const int TopK = 5;

    public LanguageModelReport Evaluate(IReadOnlyList<string> documents, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var tokens = documents.Select(model.Tokenizer.Tokenize).ToList();
        var ids = tokens.Select(model.Vocabulary.Encode).ToList();
        var tally = new Tally(model.Vocabulary, tokens, ids, keystrokeWords);
        foreach (string document in documents) tally.Perplexity.AddDocument(document);

        int done = 0;
        DocumentScoring.Score(model, ids, new BatchScoring(TopK, WantsWordsAbove: tally.WantsWordsAbove), (in ScoredPosition p) =>
        {
            tally.Add(p);
            if (p.Position == ids[p.Document].Length) progress?.Report(new EvaluationProgress(++done, documents.Count));
        }, cancellationToken);

        double seconds = clock.Elapsed.TotalSeconds;
        var perplexity = tally.Perplexity;
        double words = Math.Max(1, tally.WordPositions);
        return new LanguageModelReport(documents.Count, perplexity.Tokens, perplexity.Perplexity, perplexity.BitsPerCharacter,
            tally.Hits[0] / words, tally.Hits[1] / words, tally.Hits[2] / words, tally.Keystrokes.Savings, tally.KeystrokeWords,
            perplexity.Tokens / Math.Max(seconds, 1e-9), seconds, tally.WordPositions);
    }

    /// <summary>The running sums of one evaluation, fed one scored position at a time.</summary>
    private sealed class Tally(Vocabulary vocabulary, List<IReadOnlyList<string>> tokens, List<int[]> ids, int keystrokeWords)
    {
        // The keystroke simulation covers the first keystrokeWords word positions, in document order.
        private readonly (int Document, int Position) _keystrokeEnd = KeystrokeEnd(vocabulary, ids, keystrokeWords);

        public PerplexityAccumulator Perplexity { get; } = new();
        public KeystrokeSavings Keystrokes { get; } = new();
        public long[] Hits { get; } = new long[3];
        public long WordPositions { get; private set; }
        public long KeystrokeWords { get; private set; }

        public bool WantsWordsAbove(int document, int position) =>
            position < ids[document].Length && IsKeystrokeWord(ids[document][position])
            && (document, position).CompareTo(_keystrokeEnd) < 0;

        public void Add(in ScoredPosition p)
        {
            Perplexity.Add(p.LogProbability);
            if (!vocabulary.IsWord(p.Target)) return;
            WordPositions++;
            int rank = p.TopWords.IndexOf(p.Target);
            if (rank == 0) Hits[0]++;
            if (rank is >= 0 and < 3) Hits[1]++;
            if (rank >= 0) Hits[2]++;
            if (WantsWordsAbove(p.Document, p.Position))
            {
                Keystrokes.AddWord(tokens[p.Document][p.Position].Length, KeystrokeSavings.OfferedAfter(p.WordsAboveByPrefix, p.SharingPrefixAbove, vocabulary, p.Target));
                KeystrokeWords++;
            }
        }

        private bool IsKeystrokeWord(int id) => id != Vocabulary.Unk && vocabulary.IsWord(id);

        private static (int, int) KeystrokeEnd(Vocabulary vocabulary, List<int[]> ids, int limit)
        {
            int seen = 0;
            for (int d = 0; d < ids.Count; d++)
            {
                for (int i = 0; i < ids[d].Length; i++)
                {
                    if (ids[d][i] == Vocabulary.Unk || !vocabulary.IsWord(ids[d][i])) continue;
                    if (seen++ == limit) return (d, i);
                }
            }
            return (ids.Count, 0);
        }
    }
}
