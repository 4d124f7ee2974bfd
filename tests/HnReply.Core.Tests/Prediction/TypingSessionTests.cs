using HnReply.Prediction;

namespace HnReply.Core.Tests.Prediction;

public class TypingSessionTests
{
    private static readonly string[] Corpus =
    [
        "the quick brown fox jumps",
        "the quick brown dog sleeps",
        "the quiet brown fox sleeps",
        "a quick test",
    ];

    [Fact]
    public void Suggest_AfterAWord_RanksTheMostFrequentFollowerFirst()
    {
        var session = new TypingSession(new AddOneBigramModel(Corpus));

        var suggestions = session.Suggest("the ", 3);

        Assert.Equal("quick", suggestions[0].Text);
        Assert.Equal("quiet", suggestions[1].Text);
        Assert.True(suggestions[0].Probability > suggestions[1].Probability);
    }

    [Fact]
    public void Suggest_MidWord_CompletesThePrefixWithRenormalisedProbabilities()
    {
        var session = new TypingSession(new AddOneBigramModel(Corpus));

        var suggestions = session.Suggest("the qui", 5);

        Assert.Equal(["quick", "quiet"], suggestions.Select(s => s.Text));
        Assert.Equal(1.0, suggestions.Sum(s => s.Probability), 6);
        // after "the": quick seen 2 times, quiet once, both +1 → 3 : 2
        Assert.Equal(0.6, suggestions[0].Probability, 6);
    }

    [Fact]
    public void Suggest_NeverOffersSpecialTokens()
    {
        var session = new TypingSession(new AddOneBigramModel(Corpus));

        var suggestions = session.Suggest("sleeps ", 50);

        Assert.DoesNotContain(suggestions, s => s.Text.StartsWith('<'));
    }

    [Fact]
    public void Suggest_EachKeystroke_OnlyAdvancesThroughNewTokens()
    {
        var model = new AddOneBigramModel(Corpus);
        var session = new TypingSession(model);

        session.Suggest("the quick brown ", 3);
        int before = model.Advances;
        session.Suggest("the quick brown f", 3);
        session.Suggest("the quick brown fo", 3);
        session.Suggest("the quick brown fox ", 3);

        Assert.Equal(3, before);
        Assert.Equal(4, model.Advances);
    }

    [Fact]
    public void Complete_Greedy_FollowsTheMostLikelyPathAndIsDeterministic()
    {
        var session = new TypingSession(new AddOneBigramModel(Corpus));
        var greedy = new SamplingOptions { Temperature = 0 };

        var first = session.Complete("the quick", 2, greedy, new Random(1));
        var second = session.Complete("the quick", 2, greedy, new Random(2));

        Assert.Equal(["brown", "fox"], first.Tokens);
        Assert.Equal(" brown fox", first.Continuation);
        Assert.Equal(first, second with { Tokens = first.Tokens });
    }

    [Fact]
    public void Complete_SampledWithSeed_Reproduces()
    {
        var options = new SamplingOptions { Temperature = 1.0, TopP = 0.9 };

        var a = new TypingSession(new AddOneBigramModel(Corpus)).Complete("the", 10, options, new Random(42));
        var b = new TypingSession(new AddOneBigramModel(Corpus)).Complete("the", 10, options, new Random(42));

        Assert.Equal(a.Tokens, b.Tokens);
    }
}
