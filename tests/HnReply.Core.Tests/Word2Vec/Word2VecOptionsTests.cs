using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class Word2VecOptionsTests
{
    [Fact]
    public void Defaults_AreTheCTools()
    {
        var options = new Word2VecOptions { Threads = 12 };

        Assert.Equal("-cbow 1 -size 100 -window 5 -negative 5 -hs 0 -sample 0.001 -alpha 0.05 -min-count 5 -iter 5 -threads 12", options.ToCommandLine());
        Assert.Equal(0.025, (options with { Architecture = Word2VecArchitecture.SkipGram }).StartingAlpha);
        Assert.Equal(0.01, (options with { Alpha = 0.01 }).StartingAlpha);
    }

    [Fact]
    public void Validate_SeveralBadSettings_ListsThemAll()
    {
        var options = new Word2VecOptions { Size = 0, Negative = 0, Iterations = 0, Alpha = -1 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("size must be", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing to train", error.Message, StringComparison.Ordinal);
        Assert.Contains("iter must be", error.Message, StringComparison.Ordinal);
        Assert.Contains("alpha must be", error.Message, StringComparison.Ordinal);
    }
}
