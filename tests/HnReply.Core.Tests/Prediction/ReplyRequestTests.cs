using HnReply.Prediction;

namespace HnReply.Core.Tests.Prediction;

public sealed class ReplyRequestTests
{
    [Fact]
    public void Validate_AntiLanguageModelWithSamplingOrWithoutAWeight_IsRefused()
    {
        var sampling = Assert.Throws<ArgumentException>(() => new ReplyRequest { Beam = 0, MmiLambda = 0.5, AntiLanguageModelTokens = 3 }.Validate());
        var weightless = Assert.Throws<ArgumentException>(() => new ReplyRequest { Beam = 5, MmiLambda = 0, AntiLanguageModelTokens = 3 }.Validate());

        Assert.Equal("--anti-lm applies to beam search (--beam K), not to sampling", sampling.Message);
        Assert.StartsWith("--anti-lm subtracts --mmi-lambda", weightless.Message, StringComparison.Ordinal);
        new ReplyRequest { Beam = 5, MmiLambda = 0.5, AntiLanguageModelTokens = 3 }.Validate();
    }

    [Theory]
    [InlineData(null, true, 5, 0.25, ReplyRequest.DefaultAntiLanguageModelTokens)]
    [InlineData(null, false, 5, 0.25, 0)] // no held LM to subtract
    [InlineData(null, true, 0, 0.25, 0)] // sampling
    [InlineData(null, true, 5, 0.0, 0)] // no weight
    [InlineData(3, true, 5, 0.25, 3)]
    [InlineData(0, true, 5, 0.25, 0)]
    public void AntiLanguageModelTokensFor_LeftToTheModel_IsOnOnlyForBeamSearchWithAHeldLmAndAWeight(int? given, bool holds, int beam, double lambda, int expected)
    {
        var request = new ReplyRequest { AntiLanguageModelTokens = given, Beam = beam, MmiLambda = lambda };

        Assert.Equal(expected, request.AntiLanguageModelTokensFor(holds));
    }
}
