using HnReply.Core.Tests.Prediction;
using HnReply.Evaluation;
using HnReply.Mixture;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Core.Tests.Mixture;

public class BatchedMixtureLanguageModelTests
{
    private static readonly string[] Text =
    [
        "the cat sat on the mat", "the dog sat on the rug", "a cat likes the fish , and a dog likes the rug .",
        "the fish sat on a cat", "dog", "",
    ];

    [Fact]
    public void ScoreDocuments_BatchedComponent_SameNumbersAsTokenByToken()
    {
        // Given an n-gram-like model and a batched one over the same vocabulary
        var bigram = new AddOneBigramModel(Text);
        var random = new RandomBigramModel(bigram.Vocabulary, bigram.Tokenizer, seed: 3);
        var batch = new FakeBatchModel(random);
        var batched = new BatchedMixtureLanguageModel([bigram, batch], [0.35, 0.65]);
        var plain = new MixtureLanguageModel([bigram, random], [0.35, 0.65]);
        var documents = Text.Select(t => bigram.Vocabulary.Encode(bigram.Tokenizer.Tokenize(t))).ToList();
        var positions = new List<(int Document, int Position, int Target, double Log, int[] Top, float[] Distribution)>();

        // When the batched mixture scores every position, with the distribution at odd ones
        batched.ScoreDocuments(documents, new BatchScoring(5, (_, i) => i % 2 == 1), (in ScoredPosition p) =>
            positions.Add((p.Document, p.Position, p.Target, p.LogProbability, p.TopWords.ToArray(), p.Distribution.ToArray())));

        // Then each position equals the plain mixture stepped token by token
        Assert.Equal(1, batch.Batches);
        Assert.Equal(documents.Sum(d => d.Length + 1), positions.Count);
        int at = 0;
        var full = new float[bigram.Vocabulary.Count];
        for (int d = 0; d < documents.Count; d++)
        {
            var state = plain.Begin();
            for (int i = 0; i <= documents[d].Length; i++, at++)
            {
                int target = i < documents[d].Length ? documents[d][i] : Vocabulary.Eos;
                var p = positions[at];
                Assert.Equal((d, i, target), (p.Document, p.Position, p.Target));
                Assert.Equal(plain.LogProbability(state, target), p.Log, 1e-6);
                Assert.Equal(plain.TopWords(state, 5).Select(w => w.Id), p.Top);
                if (i % 2 == 1)
                {
                    plain.NextTokenProbabilities(state, full);
                    Assert.Equal(full, p.Distribution);
                }
                else
                {
                    Assert.Empty(p.Distribution);
                }
                if (i < documents[d].Length) state = plain.Advance(state, target);
            }
        }
    }

    [Fact]
    public void Evaluate_BatchedMixture_SameReportAsThePlainMixture()
    {
        var bigram = new AddOneBigramModel(Text, TokenizerKind.Word);
        var random = new RandomBigramModel(bigram.Vocabulary, bigram.Tokenizer, seed: 5);
        string[] heldOut = ["the cat sat on the rug", "a dog likes fish", "the zebra"];

        var batched = new LanguageModelEvaluator(new BatchedMixtureLanguageModel([new FakeBatchModel(random), bigram], [0.6, 0.4])).Evaluate(heldOut);
        var plain = new LanguageModelEvaluator(new MixtureLanguageModel([random, bigram], [0.6, 0.4])).Evaluate(heldOut);

        Assert.Equal(plain.Perplexity, batched.Perplexity, 1e-9);
        Assert.Equal((plain.Tokens, plain.Top1, plain.Top3, plain.Top5, plain.WordPositions), (batched.Tokens, batched.Top1, batched.Top3, batched.Top5, batched.WordPositions));
        Assert.Equal(plain.KeystrokeSavings, batched.KeystrokeSavings, 12);
    }
}
