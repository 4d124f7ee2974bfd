using HnReply.Core.Tests.Prediction;
using HnReply.Mixture;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Core.Tests.Mixture;

public class MixtureLanguageModelTests
{
    private static readonly string[] Text = ["the cat sat on the mat", "the dog sat on the rug", "a cat likes the fish , and a dog likes the rug ."];

    private static (ILanguageModel A, ILanguageModel B) TwoModels(int seed = 1)
    {
        var bigram = new AddOneBigramModel(Text);
        return (bigram, new RandomBigramModel(bigram.Vocabulary, bigram.Tokenizer, seed));
    }

    [Fact]
    public void LogProbability_TwoModels_IsTheLogOfTheWeightedSum()
    {
        var (a, b) = TwoModels();
        var mixture = new MixtureLanguageModel([a, b], [0.3, 0.7]);
        int cat = a.Vocabulary.Id("cat");

        var state = mixture.Advance(mixture.Begin(), a.Vocabulary.Id("the"));
        double expected = 0.3 * Math.Exp(a.LogProbability(a.Advance(a.Begin(), a.Vocabulary.Id("the")), cat))
                        + 0.7 * Math.Exp(b.LogProbability(b.Advance(b.Begin(), a.Vocabulary.Id("the")), cat));

        Assert.Equal(Math.Log(expected), mixture.LogProbability(state, cat), 12);
    }

    [Fact]
    public void NextTokenProbabilities_AnyState_SumToOneWithoutBosOrPad()
    {
        var (a, b) = TwoModels();
        var mixture = new MixtureLanguageModel([a, b], [0.5, 0.5]);
        var p = new float[mixture.Vocabulary.Count];

        mixture.NextTokenProbabilities(mixture.Advance(mixture.Begin(), a.Vocabulary.Id("dog")), p);

        Assert.Equal(1.0, p.Sum(), 5);
        Assert.Equal(0, p[Vocabulary.Bos]);
        Assert.Equal(0, p[Vocabulary.Pad]);
    }

    [Fact]
    public void TopWords_RandomModelsWithTiesAndZeros_EqualAFullSortOfTheMixture()
    {
        // Given models whose distributions take a few levels only: many ties, some zeros
        var random = new Random(7);
        var vocabulary = Vocabulary.FromTokens([.. Enumerable.Range(0, 60).Select(i => i % 9 == 0 ? new string('.', i / 9 + 1) : $"w{i}")]);
        var tokenizer = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Whitespace });
        for (int trial = 0; trial < 40; trial++)
        {
            ILanguageModel a = new RandomBigramModel(vocabulary, tokenizer, random.Next(), levels: random.Next(2, 8));
            ILanguageModel b = new RandomBigramModel(vocabulary, tokenizer, random.Next(), levels: random.Next(2, 8));
            double w = random.Next(0, 5) / 4.0; // 0 and 1 included: a component may carry no weight
            var mixture = new MixtureLanguageModel([a, b], [w, 1 - w]);
            int previous = random.Next(4, vocabulary.Count), k = random.Next(1, 12);

            var top = mixture.TopWords(mixture.Advance(mixture.Begin(), previous), k);

            var (sa, sb) = (a.Advance(a.Begin(), previous), b.Advance(b.Begin(), previous));
            var expected = Enumerable.Range(0, vocabulary.Count).Where(vocabulary.IsWord)
                .Select(id => (Id: id, P: w * Math.Exp(a.LogProbability(sa, id)) + (1 - w) * Math.Exp(b.LogProbability(sb, id))))
                .Where(c => c.P > 0).OrderByDescending(c => c.P).ThenBy(c => c.Id).Take(k).ToList();
            Assert.Equal(expected.Select(e => e.Id), top.Select(t => t.Id));
            for (int j = 0; j < top.Count; j++) Assert.Equal(expected[j].P, top[j].Probability, 12);
        }
    }

    [Fact]
    public void TopWords_LargeTiedDistributions_FallBackToTheFullDistributionExactly()
    {
        // Given 1,500 words that each model gives one of two probabilities: the bound never proves the top
        var vocabulary = Vocabulary.FromTokens([.. Enumerable.Range(0, 1_500).Select(i => $"w{i}")]);
        var tokenizer = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Whitespace });
        ILanguageModel a = new RandomBigramModel(vocabulary, tokenizer, 1, levels: 2);
        ILanguageModel b = new RandomBigramModel(vocabulary, tokenizer, 2, levels: 2);
        var mixture = new MixtureLanguageModel([a, b], [0.5, 0.5]);

        var top = mixture.TopWords(mixture.Begin(), 5);

        var expected = Enumerable.Range(0, vocabulary.Count).Where(vocabulary.IsWord)
            .Select(id => (Id: id, P: 0.5 * Math.Exp(a.LogProbability(a.Begin(), id)) + 0.5 * Math.Exp(b.LogProbability(b.Begin(), id))))
            .OrderByDescending(c => c.P).ThenBy(c => c.Id).Take(5).ToList();
        Assert.Equal(expected.Select(e => e.Id), top.Select(t => t.Id));
    }

    [Fact]
    public void Constructor_DifferentVocabularies_NamesBothModelsAndTheFirstDifference()
    {
        var a = new AddOneBigramModel(["the cat"]);
        var b = new AddOneBigramModel(["the dog"]);

        var error = Assert.Throws<ArgumentException>(() => new MixtureLanguageModel([a, b], [0.5, 0.5], ["models/a", "models/b"]));

        Assert.Equal("cannot mix models/a and models/b: the vocabularies differ at id 4 (\"cat\" vs \"dog\"); train both on the same text with the same vocabulary flags", error.Message);
    }

    [Fact]
    public void Constructor_DifferentTokenizers_SaysWhichSettingsDiffer()
    {
        var a = new AddOneBigramModel(["the cat"]);
        var b = new AddOneBigramModel(["the cat"], TokenizerKind.Word);

        var error = Assert.Throws<ArgumentException>(() => new MixtureLanguageModel([a, b], [0.5, 0.5], ["a", "b"]));

        Assert.Contains("cannot mix a and b: the tokenizers differ (whitespace vs word)", error.Message);
    }

    [Fact]
    public void Constructor_BadWeights_ReportsEveryProblem()
    {
        var (a, b) = TwoModels();

        var error = Assert.Throws<ArgumentException>(() => new MixtureLanguageModel([a, b], [0.5, 0.6, -0.1]));

        Assert.Contains("3 weights for 2 models", error.Message);
        Assert.Contains("weights must be finite and >= 0", error.Message);
    }

    [Fact]
    public void Create_NoBatchedComponent_IsThePlainMixture()
    {
        var (a, b) = TwoModels();

        Assert.IsNotType<BatchedMixtureLanguageModel>(MixtureLanguageModel.Create([a, b], [0.5, 0.5]));
        Assert.IsType<BatchedMixtureLanguageModel>(MixtureLanguageModel.Create([a, new FakeBatchModel(b)], [0.5, 0.5]));
    }
}
