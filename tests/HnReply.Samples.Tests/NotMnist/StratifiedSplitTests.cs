using HnReply.Samples.NotMnist;

namespace HnReply.Samples.Tests.NotMnist;

public sealed class StratifiedSplitTests
{
    private static readonly byte[] Labels = IdxFiles.Letters(perClass: 100, side: 2).Labels;

    [Fact]
    public void Create_TenPercentEach_EveryLetterInEveryPartInProportion()
    {
        var split = StratifiedSplit.Create(Labels, validFraction: 0.1, testFraction: 0.1, seed: 1);

        Assert.Equal((800, 100, 100), (split.Train.Length, split.Valid.Length, split.Test.Length));
        for (byte letter = 0; letter < 10; letter++)
        {
            Assert.Equal(80, split.Train.Count(i => Labels[i] == letter));
            Assert.Equal(10, split.Valid.Count(i => Labels[i] == letter));
            Assert.Equal(10, split.Test.Count(i => Labels[i] == letter));
        }
    }

    [Fact]
    public void Create_Parts_CoverEveryImageOnce()
    {
        var split = StratifiedSplit.Create(Labels, 0.1, 0.1, seed: 1);

        var all = split.Train.Concat(split.Valid).Concat(split.Test).Order().ToArray();

        Assert.Equal(Enumerable.Range(0, Labels.Length), all);
    }

    [Fact]
    public void Create_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var first = StratifiedSplit.Create(Labels, 0.1, 0.1, seed: 1);
        var again = StratifiedSplit.Create(Labels, 0.1, 0.1, seed: 1);
        var other = StratifiedSplit.Create(Labels, 0.1, 0.1, seed: 2);

        Assert.Equal(first.Test, again.Test);
        Assert.Equal(first.Train, again.Train);
        Assert.NotEqual(first.Test.Order(), other.Test.Order());
    }
}
