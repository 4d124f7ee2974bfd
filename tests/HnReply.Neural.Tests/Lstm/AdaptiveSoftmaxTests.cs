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
    [Fact]
    public void Score_GivesTheFullDistributionsTargetsAndTopWords()
    {
        const int vocabulary = 60, rows = 2_000, k = 5;
        torch.manual_seed(3);
        using var softmax = new AdaptiveSoftmax(hiddenSize: 16, vocabularySize: vocabulary, cutoffs: [10, 14], divisor: 2, tiedEmbedding: null);
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
    [Fact]
    public void WordsAbove_AreThoseOfTheFullDistribution()
    {
        const int vocabulary = 60, rows = 2_000;
        torch.manual_seed(5);
        using var softmax = new AdaptiveSoftmax(hiddenSize: 16, vocabularySize: vocabulary, cutoffs: [10, 14], divisor: 2, tiedEmbedding: null);
        using var frozen = NewDisposeScope();
        foreach (var parameter in softmax.parameters()) parameter.requires_grad_(false);
        var hidden = randn(rows, 16) * tensor(4f);
        var target = randint(4, vocabulary, [rows]);
        var tokens = Vocabulary.FromTokens([.. Enumerable.Range(4, vocabulary - 4).Select(id => id % 7 == 0 ? new string('-', id / 7) : $"w{id}")]);
        bool[] words = tokens.WordMask.ToArray();
        float[] floor = softmax.Score(hidden, target, 0, zeros(vocabulary), [], sliceCells: 64);

        var above = RowLists.FromPairs(softmax.WordsAbove(hidden, target, tensor(words), floor).data<long>().ToArray(), rows);

        float[] full = softmax.LogProbabilities(hidden).exp().data<float>().ToArray();
        long[] targets = target.data<long>().ToArray();
        var expected = new List<int>();
        int fromTails = 0;
        for (int r = 0; r < rows; r++)
        {
            SuggestionRank.WordsAbove(full.AsSpan(r * vocabulary, vocabulary), (int)targets[r], tokens, expected);
            Assert.Equal(expected, above.Row(r).ToArray().Order());
            fromTails += expected.Count(id => id >= 10);
        }
        Assert.True(fromTails > rows, $"only {fromTails} words above targets came from the tails: the test would not notice a wrong skip");
    }
}
