using HnReply.Core.Tests.Prediction;
using HnReply.Mixture;
using HnReply.Prediction;

namespace HnReply.Core.Tests.Mixture;

public class MixtureEstimatorTests
{
    [Fact]
    public void Fit_DataDrawnFromAKnownMixture_RecoversItsWeights()
    {
        // Given two fixed distributions over four symbols and 20,000 symbols drawn from 0.3 p + 0.7 q
        double[] p = [0.7, 0.1, 0.1, 0.1], q = [0.05, 0.15, 0.3, 0.5];
        var random = new Random(11);
        var symbols = Enumerable.Range(0, 20_000).Select(_ => Draw(random, random.NextDouble() < 0.3 ? p : q)).ToArray();
        double[] logP = [.. symbols.Select(s => Math.Log(p[s]))], logQ = [.. symbols.Select(s => Math.Log(q[s]))];

        var fit = MixtureEstimator.Fit([logP, logQ], new MixtureOptions());

        Assert.True(fit.Converged);
        Assert.Equal(0.3, fit.Weights[0], 0.02);
        Assert.Equal(1.0, fit.Weights.Sum(), 9);
        Assert.True(fit.Perplexity < fit.ComponentPerplexities.Min());
    }

    [Fact]
    public void Fit_OneComponentBetterEverywhere_TakesItsCorner()
    {
        double[] good = [.. Enumerable.Repeat(Math.Log(0.5), 100)], bad = [.. Enumerable.Repeat(Math.Log(0.01), 100)];

        var fit = MixtureEstimator.Fit([bad, good], new MixtureOptions { MaxIterations = 3 });

        Assert.Equal([0.0, 1.0], fit.Weights);
        Assert.Equal(2.0, fit.Perplexity, 9);
        Assert.False(fit.Converged);
    }

    [Fact]
    public void Estimate_TwoModelsOnValidationText_MixtureNoWorseThanEither()
    {
        string[] train = ["the cat sat on the mat", "the dog sat on the rug", "a cat likes the fish"];
        var bigram = new AddOneBigramModel(train);
        var random = new RandomBigramModel(bigram.Vocabulary, bigram.Tokenizer, seed: 2);
        string[] valid = ["the cat sat on the rug", "a dog likes the mat", "the fish sat"];

        var fit = MixtureEstimator.Estimate([bigram, random], valid, new MixtureOptions());

        Assert.Equal(7 + 6 + 4, fit.Tokens); // words + one </s> per document
        Assert.True(fit.Perplexity <= fit.ComponentPerplexities.Min());
        var mixture = new MixtureLanguageModel([bigram, random], fit.Weights);
        Assert.Equal(fit.Perplexity, new HnReply.Evaluation.LanguageModelEvaluator(mixture).Evaluate(valid).Perplexity, 1e-6);
    }

    [Fact]
    public void Estimate_BatchedComponent_SameFitAsTokenByToken()
    {
        string[] text = ["the cat sat on the mat", "the dog sat on the rug"];
        var bigram = new AddOneBigramModel(text);
        var random = new RandomBigramModel(bigram.Vocabulary, bigram.Tokenizer, seed: 4);
        var batch = new FakeBatchModel(random);

        var plain = MixtureEstimator.Estimate([bigram, random], text, new MixtureOptions());
        var batched = MixtureEstimator.Estimate([bigram, batch], text, new MixtureOptions());

        Assert.Equal(1, batch.Batches);
        Assert.Equal(plain.Weights, batched.Weights);
        Assert.Equal(plain.Perplexity, batched.Perplexity);
    }

    [Fact]
    public void Estimate_NoDocuments_SaysSo()
    {
        var bigram = new AddOneBigramModel(["a b"]);
        ILanguageModel[] models = [bigram, new RandomBigramModel(bigram.Vocabulary, bigram.Tokenizer, 1)];

        var error = Assert.Throws<ArgumentException>(() => MixtureEstimator.Estimate(models, [], new MixtureOptions()));

        Assert.Contains("no validation documents", error.Message);
    }

    private static int Draw(Random random, double[] distribution)
    {
        double u = random.NextDouble();
        for (int s = 0; s < distribution.Length - 1; s++)
        {
            u -= distribution[s];
            if (u < 0) return s;
        }
        return distribution.Length - 1;
    }
}
