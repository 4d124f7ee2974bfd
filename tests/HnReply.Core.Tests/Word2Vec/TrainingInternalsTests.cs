using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class TrainingInternalsTests
{
    [Fact]
    public void HuffmanTree_Build_CodesArePrefixFreeAndFrequentWordsShorter()
    {
        long[] counts = [0, 50, 30, 20, 10, 5, 5, 2, 1];

        var tree = HuffmanTree.Build(counts);

        var codes = Enumerable.Range(0, counts.Length).Select(w => string.Concat(tree.Codes(w).ToArray().Select(b => (char)('0' + b)))).ToArray();
        for (int a = 0; a < codes.Length; a++)
        {
            for (int b = 0; b < codes.Length; b++)
            {
                if (a != b) Assert.False(codes[b].StartsWith(codes[a], StringComparison.Ordinal), $"{codes[a]} is a prefix of {codes[b]}");
            }
        }
        for (int w = 2; w < counts.Length; w++) Assert.True(codes[w - 1].Length <= codes[w].Length);
        Assert.All(Enumerable.Range(0, counts.Length), w => Assert.All(tree.Points(w).ToArray(), p => Assert.InRange(p, 0, counts.Length - 2)));
        Assert.All(Enumerable.Range(0, counts.Length), w => Assert.Equal(counts.Length - 2, tree.Points(w)[0]));
    }

    [Fact]
    public void HuffmanTree_Build_TotalCodeLengthIsOptimal()
    {
        // 10, 6, 3, 1: Huffman merges 1+3, then 4+6, then 10+10: lengths 1, 2, 3, 3
        long[] counts = [10, 6, 3, 1];

        var tree = HuffmanTree.Build(counts);

        Assert.Equal([1, 2, 3, 3], tree.Lengths.Select(l => (int)l));
    }

    [Fact]
    public void NegativeSampler_Sample_FollowsCountToThePowerThreeQuarters()
    {
        // Given counts with </s> (index 0) frequent, as in a text of short lines
        long[] counts = [400, 1000, 100, 10, 1];
        var sampler = new NegativeSampler(counts);
        var seen = new long[counts.Length];
        ulong random = 12345;

        // When drawing a million words
        const int draws = 1_000_000;
        for (int i = 0; i < draws; i++) seen[sampler.Sample(ref random)]++;

        // Then </s> is never drawn (its draws go uniformly to the others) and shares match
        double[] weight = [.. counts.Select(c => Math.Pow(c, 0.75))];
        double total = weight.Sum();
        Assert.Equal(0, seen[0]);
        for (int w = 1; w < counts.Length; w++)
        {
            double expected = weight[w] / total + weight[0] / total / (counts.Length - 1);
            Assert.InRange(seen[w] / (double)draws, expected * 0.97, expected * 1.03);
        }
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(-6.5)]
    [InlineData(-3)]
    [InlineData(-0.01)]
    [InlineData(0)]
    [InlineData(2.7)]
    [InlineData(5.99)]
    [InlineData(9)]
    public void SigmoidTable_Values_MatchTheFunctions(double x)
    {
        var table = new SigmoidTable();
        double exact = 1 / (1 + Math.Exp(-x));

        Assert.Equal(-Math.Log(exact), table.NegLogSigmoid((float)x), 5);
        if (Math.Abs(x) < SigmoidTable.MaxExp) Assert.Equal(exact, table.Sigmoid((float)x), 2);
    }
}
