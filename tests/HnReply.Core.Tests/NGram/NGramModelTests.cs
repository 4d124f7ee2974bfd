using HnReply.NGram;

namespace HnReply.Core.Tests.NGram;

public class NGramModelTests
{
    private const int Words = 40;
    private const int VocabularySize = MarkovCorpus.FirstWord + Words + 3; // three zerotons never seen in training

    private static readonly Lazy<NGramModel> Model = new(() =>
        KneserNeyEstimator.Estimate(MarkovCorpus.Generate(seed: 3, sentences: 3000, words: Words).AsMemory(),
                                    VocabularySize, new NGramOptions { Order = 4 }));

    /// <summary>States reached by random walks: seen and unseen histories, &lt;unk&gt;, zerotons, ids outside the vocabulary.</summary>
    private static IEnumerable<NGramState> RandomStates(NGramModel model, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var state = random.Next(5) == 0 ? default : model.Begin();
            int steps = random.Next(6);
            for (int s = 0; s < steps; s++)
            {
                int word = random.Next(10) switch
                {
                    0 => 0,
                    1 => VocabularySize + 5,
                    _ => random.Next(MarkovCorpus.FirstWord, VocabularySize),
                };
                model.Score(state, word, out state);
            }
            yield return state;
        }
    }

    [Fact]
    public void Distribution_ManyRandomContexts_SumsToOneOverVocabulary()
    {
        var model = Model.Value;
        var p = new double[VocabularySize];

        int longest = 0;
        foreach (var state in RandomStates(model, 500, seed: 1))
        {
            longest = Math.Max(longest, state.Length);
            model.Distribution(state, p);
            Assert.Equal(1, p.Sum(), 4);
            Assert.Equal(0, p[1]);
            Assert.Equal(0, p[3]);
            Assert.All(p, x => Assert.True(x >= 0));
        }
        Assert.Equal(3, longest);
    }

    [Fact]
    public void Score_SameVariableAsStateAndNext_GivesTheSameScoresAsSeparateOnes()
    {
        var model = Model.Value;
        var sentence = MarkovCorpus.Generate(seed: 6, sentences: 1, words: Words)[0];
        var aliased = model.Begin();
        var separate = model.Begin();

        foreach (int word in sentence)
        {
            double expected = model.Score(separate, word, out var next);
            Assert.Equal(expected, model.Score(aliased, word, out aliased));
            separate = next;
            Assert.Equal(separate, aliased);
        }
        Assert.True(aliased.Length > 1);
    }

    [Fact]
    public void Distribution_AgreesWithScoreForEveryWord()
    {
        var model = Model.Value;
        var p = new double[VocabularySize];

        foreach (var state in RandomStates(model, 60, seed: 2))
        {
            model.Distribution(state, p);
            for (int w = 0; w < VocabularySize; w++)
            {
                if (w is 1 or 3) continue;
                Assert.Equal(p[w], Math.Exp(model.Score(state, w, out _)), 9);
            }
        }
    }

    [Fact]
    public void Distribution_ZerotonsShareTheUnkProbability()
    {
        var model = Model.Value;
        var p = new double[VocabularySize];

        model.Distribution(model.Begin(), p);

        Assert.True(p[0] > 0);
        Assert.Equal(p[0], p[VocabularySize - 1], 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(20)]
    public void TopK_ManyRandomContexts_EqualsTopOfFullDistribution(int k)
    {
        var model = Model.Value;
        var p = new double[VocabularySize];
        var best = new (int Id, double Probability)[k];

        foreach (var state in RandomStates(model, 300, seed: 3))
        {
            int found = model.TopK(state, k, best);

            model.Distribution(state, p);
            var expected = Enumerable.Range(0, VocabularySize).Where(w => w is not (1 or 3))
                .OrderByDescending(w => p[w]).ThenBy(w => w).Take(k).ToArray();
            Assert.Equal(expected.Length, found);
            for (int r = 0; r < found; r++)
            {
                Assert.Equal(p[expected[r]], best[r].Probability, 9);
                Assert.Equal(p[best[r].Id], best[r].Probability, 9);
            }
            Assert.Equal(found, best.Take(found).Select(b => b.Id).Distinct().Count());
        }
    }

    [Fact]
    public void TopK_MoreThanTheVocabulary_ReturnsEveryPredictableToken()
    {
        var model = Model.Value;
        var best = new (int Id, double Probability)[VocabularySize + 10];

        int found = model.TopK(model.Begin(), best.Length, best);

        Assert.Equal(VocabularySize - 2, found);
        Assert.Equal(1, best.Take(found).Sum(b => b.Probability), 4);
    }

    [Fact]
    public void Score_ConcurrentCallers_GetTheSameScoresAsOneCaller()
    {
        var model = Model.Value;
        var sentences = MarkovCorpus.Generate(seed: 8, sentences: 200, words: Words);
        var expected = sentences.Select(s => model.ScoreSentence(s)).ToArray();

        var actual = new double[sentences.Length];
        Parallel.For(0, sentences.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = model.ScoreSentence(sentences[i]));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Perplexity_CountsEndOfSentenceAndUnknownTokens()
    {
        var model = Model.Value;
        int[][] sentences = [[MarkovCorpus.FirstWord, 0, MarkovCorpus.FirstWord + 1], [VocabularySize + 1]];

        var result = model.Perplexity(sentences.AsMemory());

        Assert.Equal(2, result.Sentences);
        Assert.Equal(6, result.Tokens);
        Assert.Equal(2, result.OovTokens);
        double total = sentences.Sum(s => model.ScoreSentence(s));
        Assert.Equal(total, result.LogProbability, 9);
        Assert.Equal(Math.Exp(-total / 6), result.Perplexity, 9);
        Assert.True(result.PerplexityExcludingOov < result.Perplexity);
    }

    [Fact]
    public void Begin_HasSentenceStartAsContext_DefaultStateHasNone()
    {
        var model = Model.Value;

        var begin = model.Begin();

        Assert.Equal(1, begin.Length);
        Assert.Equal(1, begin.Word(0));
        Assert.Equal(0, default(NGramState).Length);
        Assert.NotEqual(begin, default);
        Assert.Equal(begin, model.Begin());
    }
}
