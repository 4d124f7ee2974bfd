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
}
