using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class Word2VecTrainerTests
{
    private static readonly Word2VecOptions Small = new()
    {
        Size = 24, Window = 4, MinCount = 1, Sample = 0, Iterations = 5, Threads = 1, Seed = 3,
    };

    private static readonly Lazy<Word2VecCorpus> Synonyms = new(() => PlantedText.Corpus(PlantedText.Synonyms(groups: 5, members: 4, sentencesPerWord: 100, seed: 1)));
    private static readonly Lazy<Word2VecCorpus> Grid = new(() => PlantedText.Corpus(PlantedText.RoleGrid(roles: 6, sentencesPerWord: 150, seed: 2)));

    [Theory]
    [InlineData(Word2VecArchitecture.SkipGram, 5, false)]
    [InlineData(Word2VecArchitecture.Cbow, 5, false)]
    [InlineData(Word2VecArchitecture.SkipGram, 0, true)]
    [InlineData(Word2VecArchitecture.Cbow, 0, true)]
    public void Train_WordsSharingContexts_AreNearestNeighbours(Word2VecArchitecture architecture, int negative, bool hs)
    {
        // Given synonyms that share their contexts (window 1: the planted frame)
        var options = Small with { Architecture = architecture, Negative = negative, HierarchicalSoftmax = hs, Window = 1 };

        // When trained
        var vectors = new Word2VecTrainer(options).Train(Synonyms.Value).Vectors;

        // Then every word's three nearest neighbours are its three synonyms
        for (int g = 0; g < 5; g++)
        {
            for (int m = 0; m < 4; m++)
            {
                var nearest = NearestWords.Nearest(vectors, $"g{g}w{m}", 3).Select(w => w.Word);
                Assert.All(nearest, w => Assert.StartsWith($"g{g}w", w, StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData(AnalogyMethod.Add)]
    [InlineData(AnalogyMethod.Mul)]
    public void Train_PlantedAnalogy_IsSolved(AnalogyMethod method)
    {
        // Given a roles × genders grid, trained by skip-gram
        var vectors = new Word2VecTrainer(Small with { Architecture = Word2VecArchitecture.SkipGram }).Train(Grid.Value).Vectors;

        // When asked r{i}m : r{i}f :: r{j}m : ? for every pair of roles
        int right = 0, asked = 0;
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                if (i == j) continue;
                asked++;
                var answer = NearestWords.Analogy(vectors, $"r{i}m", $"r{i}f", $"r{j}m", 1, method);
                if (answer[0].Word == $"r{j}f") right++;
            }
        }

        // Then (nearly) every answer is the planted one
        Assert.True(right >= asked - 1, $"{right} of {asked} analogies solved by {method}");
    }

    [Fact]
    public void Train_OneThreadSameSeed_ReproducesBitForBit()
    {
        // Given one thread and a fixed seed, with every random draw in play (subsampling, negatives)
        var options = Small with { Sample = 1e-2, Architecture = Word2VecArchitecture.SkipGram, HierarchicalSoftmax = true };

        // When trained twice, and once with another seed
        var first = new Word2VecTrainer(options).Train(Synonyms.Value);
        var second = new Word2VecTrainer(options).Train(Synonyms.Value);
        var other = new Word2VecTrainer(options with { Seed = 4 }).Train(Synonyms.Value);

        // Then the same seed gives identical floats and losses, another seed does not
        Assert.True(first.Vectors.Values.SequenceEqual(second.Vectors.Values));
        Assert.Equal(first.Epochs.Select(e => e.Loss), second.Epochs.Select(e => e.Loss));
        Assert.False(first.Vectors.Values.SequenceEqual(other.Vectors.Values));
    }

    [Fact]
    public void Train_UntrainedOutputs_LossIsLogTwo()
    {
        // Given a learning rate so small that nothing moves: output vectors stay 0, every score is 0
        var options = Small with { Alpha = 1e-12, Iterations = 1 };

        // When trained
        var result = new Word2VecTrainer(options).Train(Synonyms.Value);

        // Then the mean loss over all predictions is -log σ(0) = ln 2 (a mean per prediction, not a sum)
        Assert.Equal(Math.Log(2), result.FinalLoss, 5);
        Assert.True(result.Epochs[0].Predictions > Synonyms.Value.Tokens.Length);
    }

    [Fact]
    public void Train_ShuffledPlantedText_LossFallsEveryPass()
    {
        // Given text without order effects (every sentence drawn independently)
        var options = Small with { Architecture = Word2VecArchitecture.SkipGram, Iterations = 4 };

        // When trained
        var losses = new Word2VecTrainer(options).Train(Synonyms.Value).Epochs.Select(e => e.Loss).ToArray();

        // Then each pass ends lower than the one before, from well below ln 2
        Assert.True(losses[0] < Math.Log(2), string.Join(", ", losses));
        for (int e = 1; e < losses.Length; e++) Assert.True(losses[e] < losses[e - 1], string.Join(", ", losses));
    }

    [Fact]
    public void Train_TwoThreads_CountsEveryWordOfEveryPassAndReports()
    {
        // Given two Hogwild threads and a progress listener
        var options = Small with { Threads = 2, Iterations = 3 };
        var readings = new List<Word2VecProgress>();

        // When trained
        var result = new Word2VecTrainer(options).Train(Synonyms.Value, new SyncProgress(readings.Add));

        // Then all words of all passes were processed, the last reading says so, and the rate is positive
        long expected = 3L * Synonyms.Value.Vocabulary.TotalCount;
        Assert.Equal(expected, result.WordsTrained);
        Assert.Equal(expected, readings[^1].Words);
        Assert.Equal(3, result.Epochs.Count);
        Assert.True(result.WordsPerSecond > 0);
        Assert.True(result.Epochs[^1].Alpha < result.Epochs[0].Alpha);
    }

    [Fact]
    public void Train_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() => new Word2VecTrainer(Small with { Iterations = 50 }).Train(Synonyms.Value, null, cancel.Token));
    }

    [Fact]
    public void Train_NoWordAboveMinCount_ExplainsWhy()
    {
        var corpus = PlantedText.Corpus("one two three\n", minCount: 5);

        var error = Assert.Throws<ArgumentException>(() => new Word2VecTrainer(Small with { MinCount = 5 }).Train(corpus));

        Assert.Contains("min-count", error.Message, StringComparison.Ordinal);
    }

    private sealed class SyncProgress(Action<Word2VecProgress> report) : IProgress<Word2VecProgress>
    {
        public void Report(Word2VecProgress value) => report(value);
    }
}
