using HnReply.Neural.Lstm;
using HnReply.Prediction;
using HnReply.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Tests.Lstm;

public sealed class AdaptiveSoftmaxTests
{
    // Small tails and peaked distributions (large hidden vectors): tail words often rank in the top 5,
    // so a tail skipped where one of its words belonged would change the answer.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Score_GivesTheFullDistributionsTargetsAndTopWords(bool tied)
    {
        const int vocabulary = 60, rows = 2_000, k = 5;
        torch.manual_seed(3);
        using var softmax = Layer(vocabulary, tied);
        using var frozen = NewDisposeScope();
        foreach (var parameter in softmax.parameters()) parameter.requires_grad_(false);
        var hidden = randn(rows, 16) * tensor(4f);
        var target = randint(4, vocabulary, [rows]);
        bool[] words = [.. Enumerable.Range(0, vocabulary).Select(id => id >= 4 && id % 7 != 0)];
        var allowed = tensor(words.Select(w => w ? 0f : float.NegativeInfinity).ToArray());

        var top = new int[rows * k];
        float[] targetLog = softmax.Score(hidden, target, k, allowed, top, sliceCells: 64);

        float[] full = softmax.LogProbabilities(hidden).exp().data<float>().ToArray();
        long[] targets = target.data<long>().ToArray();
        int fromTails = 0;
        for (int r = 0; r < rows; r++)
        {
            var distribution = full.AsSpan(r * vocabulary, vocabulary);
            Assert.Equal(Math.Log(distribution[(int)targets[r]]), targetLog[r], 1e-4);
            var expected = new int[k];
            TopWords.Select(distribution, words, expected);
            Assert.Equal(expected, top[(r * k)..((r + 1) * k)]);
            fromTails += expected.Count(id => id >= 10);
        }
        Assert.True(fromTails > rows / 10, $"only {fromTails} top words came from the tails: the test would not notice a wrong skip");
    }

    // What keystroke savings reads: the words above each target, exactly those of the full distribution,
    // though a tail is computed only where its bound reaches the target.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WordsAbove_AreThoseOfTheFullDistribution(bool tied)
    {
        const int vocabulary = 60, rows = 2_000;
        torch.manual_seed(5);
        using var softmax = Layer(vocabulary, tied);
        using var frozen = NewDisposeScope();
        foreach (var parameter in softmax.parameters()) parameter.requires_grad_(false);
        var hidden = randn(rows, 16) * tensor(4f);
        var target = randint(4, vocabulary, [rows]);
        // Every 7th id is punctuation.
        var tokens = Vocabulary.FromTokens([.. Enumerable.Range(4, vocabulary - 4).Select(id => id % 7 == 0 ? new string('-', id / 7) : Spelling(id))]);
        using var prefixes = new WordPrefixes(tokens, CPU);
        float[] floor = softmax.Score(hidden, target, 0, zeros(vocabulary), [], sliceCells: 64);

        var (byPrefix, pairs) = softmax.WordsAbove(hidden, target, prefixes, floor);
        var above = RowLists.FromPairs(pairs.data<long>().ToArray(), rows);
        long[] counts = byPrefix.data<long>().ToArray();
        var expectedCounts = new int[SuggestionRank.PrefixDepth + 1];

        float[] full = softmax.LogProbabilities(hidden).exp().data<float>().ToArray();
        long[] targets = target.data<long>().ToArray();
        var expected = new List<int>();
        int fromTails = 0, listed = 0;
        for (int r = 0; r < rows; r++)
        {
            SuggestionRank.WordsAbove(full.AsSpan(r * vocabulary, vocabulary), (int)targets[r], tokens, expectedCounts, expected);
            Assert.Equal(expectedCounts.Select(c => (long)c), counts[(r * expectedCounts.Length)..((r + 1) * expectedCounts.Length)]);
            Assert.Equal(expected, above.Row(r).ToArray().Order());
            fromTails += expectedCounts[0] - expected.Count(id => id < 10);
            listed += expected.Count;
        }
        Assert.True(fromTails > rows, $"only {fromTails} words above targets came from the tails: the test would not notice a wrong skip");
        Assert.True(listed > rows / 4, $"only {listed} words above targets shared {SuggestionRank.PrefixDepth} letters: the list is hardly tested");
    }

    [Fact]
    public void Above_BreaksTiesByLowerIdSkipsNonWordsAndCountsSharedPrefixes()
    {
        // Ids 4–7 are xyzw, abcd, abcc and ",". Row 0's target is abcc (0.3): abcd ties it with a lower id and ranks above; "," (0.4)
        // is not a word. Row 1's target is abcd (0.3): abcc ties it with a higher id and does not; xyzw (0.35) is above.
        using var scope = NewDisposeScope();
        var probabilities = tensor(new[,] { { 0.2f, 0.3f, 0.3f, 0.4f }, { 0.35f, 0.3f, 0.3f, 0.15f } });
        float[] targetProbability = [0.3f, 0.3f];
        long[] target = [6, 5];
        using var prefixes = new WordPrefixes(Vocabulary.FromTokens(["xyzw", "abcd", "abcc", ","]), CPU);

        var (byPrefix, pairs) = AdaptiveSoftmax.Above(probabilities, tensor(targetProbability), tensor(target), 4, prefixes, prefixes.Prefixes.index_select(1, tensor(target)));

        // Row 0: "abcd" is above "abcc" and shares 3 letters; row 1: "xyzw" is above "abcd" and shares none.
        Assert.Equal([1L, 1L, 1L, 1L, 1L, 0L, 0L, 0L], byPrefix.data<long>().ToArray());
        Assert.Equal([0L, 5L], pairs.data<long>().ToArray());
    }

    // 1 to 4 letters of "ab" from the id's bits, then "z" and the id (many share 3 letters); every 11th id a 2-letter word.
    private static string Spelling(int id) => id % 11 == 0 ? $"q{id / 11}" : new string([.. Enumerable.Range(0, 1 + id % 4).Select(i => "ab"[(id >> i) & 1])]) + $"z{id}";

    // Cutoffs 10 and 14 over 16-dimensional states; tied: a random embedding (scaled like the untied layers' start) gives
    // the shortlist's output rows.
    private static AdaptiveSoftmax Layer(int vocabulary, bool tied)
    {
        var embedding = tied ? randn(vocabulary, 16) * tensor(0.25f) : null;
        return new AdaptiveSoftmax(hiddenSize: 16, vocabularySize: vocabulary, cutoffs: [10, 14], divisor: 2,
                                   tiedEmbedding: embedding is null ? null : () => embedding);
    }
}
