using HnReply.Retrieval;

namespace HnReply.Core.Tests.Retrieval;

public class Bm25IndexTests
{
    [Fact]
    public void Score_HandComputedExample_MatchesFormula()
    {
        // Given three documents; term 1 occurs in one of them, term 0 in all
        int[][] docs = [[0, 1, 1], [0, 2], [0, 3, 3, 3]];
        var index = new Bm25Index(docs, termCount: 4);

        // Then idf(1) = ln(1 + (3-1+0.5)/(1+0.5)) and the score of doc 0 for query [1] is idf * f(k1+1)/(f + k1(1-b+b*len/avg))
        double idf = Math.Log(1 + 2.5 / 1.5);
        double avg = 3.0;
        double expected = idf * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / avg));
        var hits = index.Search([1], 5);

        Assert.Equal(0, Assert.Single(hits).Document);
        Assert.Equal(expected, hits[0].Score, 12);
        Assert.Equal(expected, index.Score([1], docs[0]), 12);
    }

    [Fact]
    public void Search_RarerTermsWeighMore_AndTiesBreakByIndex()
    {
        int[][] docs = [[5, 6], [5, 7], [5, 6]];
        var index = new Bm25Index(docs, termCount: 8);

        var hits = index.Search([5, 7], 3);

        Assert.Equal([1, 0, 2], hits.Select(h => h.Document));
    }

    [Fact]
    public void Search_UnknownTerms_AreIgnored()
    {
        var index = new Bm25Index([[1, 2]], termCount: 3);

        Assert.Empty(index.Search([99, -1], 3));
    }
}
