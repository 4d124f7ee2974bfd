using HnReply.Core.Tests.NGram.Fixtures;
using HnReply.NGram;
using static HnReply.Core.Tests.NGram.Fixtures.HandComputedModels;

namespace HnReply.Core.Tests.NGram;

public class KneserNeyEstimatorTests
{
    private static NGramModel Estimate(int[][] corpus, int order) =>
        KneserNeyEstimator.Estimate(Sentences(corpus), VocabularySize, new NGramOptions { Order = order });

    internal static void AssertProbability(double expected, double naturalLog) =>
        Assert.InRange(Math.Exp(naturalLog), expected * (1 - 1e-6), expected * (1 + 1e-6));

    private static double Next(NGramModel model, ref NGramState state, int word)
    {
        double score = model.Score(state, word, out var next);
        state = next;
        return score;
    }

    [Fact]
    public void Estimate_BigramToyCorpus_DiscountsMatchHandComputation()
    {
        var model = Estimate(BigramCorpus, 2);

        Assert.Equal(Bigram.BigramDiscount.D1, model.Discounts[1].D1, 12);
        Assert.Equal(Bigram.BigramDiscount.D2, model.Discounts[1].D2, 12);
        Assert.Equal(Bigram.BigramDiscount.D3Plus, model.Discounts[1].D3Plus, 12);
        Assert.Equal(new NGramDiscount(0.5, 1, 1.5), model.Discounts[0]);
        var warning = Assert.Single(model.Warnings);
        Assert.Contains("1-grams", warning);
    }

    [Fact]
    public void Score_BigramToyCorpus_MatchesHandComputation()
    {
        var model = Estimate(BigramCorpus, 2);
        var empty = default(NGramState);

        AssertProbability(Bigram.PA, model.Score(empty, A, out _));
        AssertProbability(Bigram.PUnk, model.Score(empty, Unk, out _));
        AssertProbability(Bigram.PEos, model.Score(empty, Eos, out _));
        var state = model.Begin();
        AssertProbability(Bigram.PBGivenBos, model.Score(state, B, out _));
        AssertProbability(Bigram.PAGivenBos, Next(model, ref state, A));
        AssertProbability(Bigram.PUnkGivenA, model.Score(state, Unk, out _));
        AssertProbability(Bigram.PAGivenA, model.Score(state, A, out _));
        AssertProbability(Bigram.PEosGivenA, model.Score(state, Eos, out _));
        AssertProbability(Bigram.PBGivenA, Next(model, ref state, B));
        AssertProbability(Bigram.PBGivenB, model.Score(state, B, out _));
        AssertProbability(Bigram.PAGivenB, model.Score(state, A, out _));
        AssertProbability(Bigram.PEosGivenB, model.Score(state, Eos, out _));
    }

    [Fact]
    public void ScoreSentence_BigramToyCorpus_IsProductOfHandComputedProbabilities()
    {
        var model = Estimate(BigramCorpus, 2);

        AssertProbability(Bigram.PAGivenBos * Bigram.PBGivenA * Bigram.PEosGivenB, model.ScoreSentence([A, B]));
        AssertProbability(Bigram.PBGivenBos * Bigram.PBGivenB * Bigram.PEosGivenB, model.ScoreSentence([B, B]));
    }

    [Fact]
    public void Estimate_TrigramToyCorpus_ComputesBigramDiscountsAndFallsBackElsewhere()
    {
        var model = Estimate(TrigramCorpus, 3);

        Assert.Equal(Trigram.BigramDiscount.D1, model.Discounts[1].D1, 12);
        Assert.Equal(Trigram.BigramDiscount.D2, model.Discounts[1].D2, 12);
        Assert.Equal(Trigram.BigramDiscount.D3Plus, model.Discounts[1].D3Plus, 12);
        Assert.Equal(new NGramDiscount(0.5, 1, 1.5), model.Discounts[0]);
        Assert.Equal(new NGramDiscount(0.5, 1, 1.5), model.Discounts[2]);
        Assert.Equal(2, model.Warnings.Count);
        Assert.Equal([5L, 6L, 6L], model.NGramCounts);
    }

    [Fact]
    public void Score_TrigramToyCorpus_MatchesHandComputation()
    {
        var model = Estimate(TrigramCorpus, 3);

        var state = model.Begin();
        AssertProbability(Trigram.PBGivenBos, model.Score(state, B, out _));
        AssertProbability(Trigram.PAGivenBos, Next(model, ref state, A));
        AssertProbability(Trigram.PEosGivenBosA, model.Score(state, Eos, out _));
        AssertProbability(Trigram.PAGivenBosA, model.Score(state, A, out _));
        AssertProbability(Trigram.PUnkGivenBosA, model.Score(state, Unk, out _));
        AssertProbability(Trigram.PBGivenBosA, Next(model, ref state, B));
        AssertProbability(Trigram.PEosGivenAB, model.Score(state, Eos, out _));

        state = model.Begin();
        Next(model, ref state, B);
        AssertProbability(Trigram.PEosGivenBosB, model.Score(state, Eos, out _));
        AssertProbability(Trigram.PAGivenBosB, Next(model, ref state, A));
        AssertProbability(Trigram.PEosGivenBA, model.Score(state, Eos, out _));
        AssertProbability(Trigram.BackoffBA * Trigram.PBGivenA, model.Score(state, B, out _));
    }

    [Fact]
    public void ScoreSentence_TrigramToyCorpus_BacksOffAndScoresUnknownWordsAsUnk()
    {
        var model = Estimate(TrigramCorpus, 3);

        AssertProbability(Trigram.PAGivenBos * Trigram.PBGivenBosA * Trigram.PEosGivenAB, model.ScoreSentence([A, B]));
        AssertProbability(Trigram.PBGivenBos * Trigram.PAGivenBosB * (Trigram.BackoffBA * Trigram.PBGivenA) * Trigram.PEosGivenAB,
                          model.ScoreSentence([B, A, B]));
        // After <unk> no context is left: p(</s>) is the plain unigram.
        AssertProbability(Trigram.PAGivenBos * Trigram.PUnkGivenBosA * Trigram.PEos, model.ScoreSentence([A, 99]));
    }

    [Fact]
    public void Distribution_TrigramToyCorpus_MatchesHandComputation()
    {
        var model = Estimate(TrigramCorpus, 3);
        var state = model.Begin();
        Next(model, ref state, A);
        var p = new double[VocabularySize];

        model.Distribution(state, p);

        double[] expected = [Trigram.PUnkGivenBosA, 0, Trigram.PEosGivenBosA, 0, Trigram.PAGivenBosA, Trigram.PBGivenBosA];
        for (int w = 0; w < VocabularySize; w++) Assert.Equal(expected[w], p[w], 6);
    }

    [Fact]
    public void Estimate_SingleWordCorpus_FallsBackOnEveryOrderAndStillNormalizes()
    {
        var model = KneserNeyEstimator.Estimate(Sentences([[A]]), VocabularySize, new NGramOptions { Order = 3 });

        Assert.Equal(3, model.Warnings.Count(w => w.Contains("fallback", StringComparison.Ordinal)));
        var p = new double[VocabularySize];
        model.Distribution(model.Begin(), p);
        Assert.Equal(1, p.Sum(), 6);
        Assert.True(double.IsFinite(model.ScoreSentence([B, A, B])));
    }

    [Fact]
    public void Estimate_EmptyCorpus_GivesUniformDistributionWithWarning()
    {
        var model = KneserNeyEstimator.Estimate([], VocabularySize, new NGramOptions { Order = 2 });

        Assert.Contains(model.Warnings, w => w.Contains("empty", StringComparison.Ordinal));
        var p = new double[VocabularySize];
        model.Distribution(model.Begin(), p);
        Assert.Equal([0.25, 0, 0.25, 0, 0.25, 0.25], p.Select(x => Math.Round(x, 6)));
    }

    [Fact]
    public void Estimate_TokenOutsideVocabulary_ThrowsNamingTheSentence()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Estimate([[A], [B, 17]], 2));

        Assert.Contains("sentence 1", e.Message);
        Assert.Contains("17", e.Message);
    }

    [Fact]
    public void Estimate_SpecialTokensInsideSentences_AreSkippedWithWarning()
    {
        var withSpecials = Estimate([[A, 1, B], [2, A]], 2);
        var without = Estimate([[A, B], [A]], 2);

        Assert.Contains(withSpecials.Warnings, w => w.Contains("skipped 2", StringComparison.Ordinal));
        Assert.Equal(without.ScoreSentence([A, B]), withSpecials.ScoreSentence([A, B]));
    }

    [Fact]
    public void Validate_BadOptions_ReportsEveryError()
    {
        var options = new NGramOptions { Order = 7, FallbackDiscount = new NGramDiscount(0, 1, 4) };

        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Order", e.Message);
        Assert.Contains("D1", e.Message);
        Assert.Contains("D3Plus", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Estimate_EachOrder_BuildsModelWithFinitePerplexity(int order)
    {
        var train = MarkovCorpus.Generate(seed: 1, sentences: 500, words: 30);
        var test = MarkovCorpus.Generate(seed: 2, sentences: 100, words: 30);

        var model = KneserNeyEstimator.Estimate(train.AsMemory(), 34 + 2, new NGramOptions { Order = order });
        var result = model.Perplexity(test.AsMemory());

        Assert.Equal(order, model.Order);
        Assert.Equal(order, model.NGramCounts.Count);
        Assert.All(model.NGramCounts, count => Assert.True(count > 0));
        Assert.True(double.IsFinite(result.Perplexity) && result.Perplexity > 1, $"perplexity {result.Perplexity}");
        Assert.Equal(test.Sum(s => s.Length + 1), result.Tokens);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Score_EveryOrder_MatchesNaiveReferenceImplementation(int order)
    {
        var train = MarkovCorpus.Generate(seed: 11, sentences: 400, words: 8);
        const int vocabularySize = 4 + 8 + 1;
        var model = KneserNeyEstimator.Estimate(train.AsMemory(), vocabularySize, new NGramOptions { Order = order });
        var reference = new ReferenceKneserNey(train, vocabularySize, order);
        var histories = MarkovCorpus.Generate(seed: 12, sentences: 40, words: 9);

        foreach (var sentence in histories)
        {
            var state = model.Begin();
            for (int t = 0; t <= sentence.Length; t++)
            {
                var history = sentence[..t];
                foreach (int word in new[] { 0, 2, 4, 5, 8, 11, 12, 40 })
                    AssertProbability(reference.Probability(history, word), model.Score(state, word, out _));
                if (t < sentence.Length) model.Score(state, sentence[t], out state);
            }
        }
    }

    [Fact]
    public void Perplexity_StructuredCorpus_FallsAsOrderGrows()
    {
        var train = MarkovCorpus.Generate(seed: 1, sentences: 5000, words: 12);
        var test = MarkovCorpus.Generate(seed: 2, sentences: 500, words: 12);

        var perplexities = Enumerable.Range(1, 4)
            .Select(order => KneserNeyEstimator.Estimate(train.AsMemory(), 16, new NGramOptions { Order = order }).Perplexity(test.AsMemory()).Perplexity)
            .ToArray();

        for (int order = 2; order <= 4; order++)
            Assert.True(perplexities[order - 1] < perplexities[order - 2] * 0.95, string.Join(", ", perplexities));
    }

    [Fact]
    public void Estimate_ReportsEveryStageInOrder()
    {
        var stages = new List<NGramStage>();
        var progress = new SynchronousProgress<NGramProgress>(p => stages.Add(p.Stage));

        KneserNeyEstimator.Estimate(Sentences(TrigramCorpus), VocabularySize, new NGramOptions { Order = 3 }, progress);

        Assert.Equal(Enum.GetValues<NGramStage>(), stages.Distinct());
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
