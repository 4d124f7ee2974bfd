using HnReply.Neural.Lstm;

namespace HnReply.Neural.Tests.Lstm;

public sealed class LstmOptionsTests
{
    [Theory]
    [InlineData(4_999, SoftmaxKind.Full, new int[0])]
    [InlineData(5_000, SoftmaxKind.Adaptive, new[] { 2_000, 2_500 })]
    [InlineData(9_923, SoftmaxKind.Adaptive, new[] { 2_000, 5_000 })]
    [InlineData(10_001, SoftmaxKind.Adaptive, new[] { 2_000, 10_000 })]
    [InlineData(30_000, SoftmaxKind.Adaptive, new[] { 2_000, 10_000 })]
    public void ResolveFor_Auto_ChoosesTheSoftmaxAndCutoffsByVocabularySize(int vocabulary, SoftmaxKind softmax, int[] cutoffs)
    {
        var resolved = new LstmOptions().ResolveFor(vocabulary);

        Assert.Equal(softmax, resolved.Softmax);
        Assert.Equal(cutoffs, resolved.Cutoffs);
    }

    [Theory]
    [InlineData(3_000, new[] { 2_000 })]
    [InlineData(1_000, new[] { 250 })]
    public void ResolveFor_AdaptiveOnASmallVocabulary_KeepsATail(int vocabulary, int[] cutoffs) =>
        Assert.Equal(cutoffs, new LstmOptions { Softmax = SoftmaxKind.Adaptive }.ResolveFor(vocabulary).Cutoffs);

    [Fact]
    public void ResolveFor_GivenCutoffs_KeepsThem() =>
        Assert.Equal([100, 300], new LstmOptions { Softmax = SoftmaxKind.Adaptive, Cutoffs = [100, 300] }.ResolveFor(9_923).Cutoffs);
}
