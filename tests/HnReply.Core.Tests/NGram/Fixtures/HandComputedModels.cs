namespace HnReply.Core.Tests.NGram.Fixtures;

/// <summary>
/// Two toy corpora whose Kneser-Ney models were worked out by hand, following lmplz's recipe
/// step by step. Vocabulary: 0 &lt;unk&gt;, 1 &lt;s&gt;, 2 &lt;/s&gt;, 3 &lt;pad&gt;, 4 a, 5 b, so the
/// uniform distribution spreads over |V| = 6 - 2 = 4 ids (&lt;unk&gt; &lt;/s&gt; a b). Expected values
/// are written as the fractions of the hand computation, never produced by the code under test.
/// </summary>
internal static class HandComputedModels
{
    public const int A = 4;
    public const int B = 5;
    public const int Eos = 2;
    public const int Unk = 0;
    public const int VocabularySize = 6;
    public static readonly string[] Vocabulary = ["<unk>", "<s>", "</s>", "<pad>", "a", "b"];

    /// <summary>a · a · a b · a b · b · b · b a — the trigram corpus.</summary>
    public static readonly int[][] TrigramCorpus = [[A], [A], [A, B], [A, B], [B], [B], [B, A]];

    /// <summary>The trigram corpus plus one more "a" — the bigram corpus.</summary>
    public static readonly int[][] BigramCorpus = [.. TrigramCorpus, [A]];

    // ---------------------------------------------------------------------------------------------
    // BIGRAM MODEL (order 2) of BigramCorpus: <s> a </s> ×3, <s> a b </s> ×2, <s> b </s> ×2, <s> b a </s>
    //
    // Highest order keeps raw counts:
    //   <s> a 5   <s> b 3   a </s> 4   a b 2   b </s> 4   b a 1
    //   count-of-counts n1=1 (b a) n2=1 (a b) n3=1 (<s> b) n4=2 (a </s>, b </s>)
    //   Y = 1/(1+2·1) = 1/3;  D1 = 1 - 2·(1/3)·1/1 = 1/3;  D2 = 2 - 3·(1/3)·1/1 = 1;  D3+ = 3 - 4·(1/3)·2/1 = 1/3
    // Unigrams get continuation counts N1+(• w) over the bigrams:
    //   a: {<s>, b} = 2   b: {<s>, a} = 2   </s>: {a, b} = 2   <unk>: 0   <s>: 0
    //   n1 = 0, so lmplz's BadDiscount: fallback D1=0.5 D2=1 D3+=1.5
    //   Σ = 6, discounted mass = 3·D2 = 3, γ(ε) = 3/6 = 1/2
    //   p(a) = p(b) = p(</s>) = (2-1)/6 + (1/2)·(1/4) = 1/6 + 1/8 = 7/24;   p(<unk>) = 0 + 1/8
    // Bigram contexts:
    //   <s>: a 5, b 3; Σ = 8; γ = (D3+ + D3+)/8 = (2/3)/8 = 1/12
    //        p(a|<s>) = (5-1/3)/8 + (1/12)(7/24) = 7/12 + 7/288 = 175/288
    //        p(b|<s>) = (3-1/3)/8 + 7/288 = 96/288 + 7/288 = 103/288
    //   a:   </s> 4, b 2; Σ = 6; γ = (D3+ + D2)/6 = (4/3)/6 = 2/9
    //        p(</s>|a) = (4-1/3)/6 + (2/9)(7/24) = 11/18 + 14/216 = 146/216
    //        p(b|a)    = (2-1)/6 + 14/216 = 50/216
    //   b:   </s> 4, a 1; Σ = 5; γ = (D3+ + D1)/5 = (2/3)/5 = 2/15
    //        p(</s>|b) = (4-1/3)/5 + (2/15)(7/24) = 11/15 + 14/360 = 278/360
    //        p(a|b)    = (1-1/3)/5 + 14/360 = 62/360
    // Backed-off: p(b|b) = (2/15)(7/24) = 14/360;  p(<unk>|a) = (2/9)(1/8) = 6/216
    // ---------------------------------------------------------------------------------------------
    public static class Bigram
    {
        public static readonly NGramDiscountFixture BigramDiscount = new(1.0 / 3, 1.0, 1.0 / 3);
        public const double PA = 7.0 / 24, PB = 7.0 / 24, PEos = 7.0 / 24, PUnk = 1.0 / 8;
        public const double PAGivenBos = 175.0 / 288, PBGivenBos = 103.0 / 288;
        public const double PEosGivenA = 146.0 / 216, PBGivenA = 50.0 / 216, PUnkGivenA = 6.0 / 216, PAGivenA = 14.0 / 216;
        public const double PEosGivenB = 278.0 / 360, PAGivenB = 62.0 / 360, PBGivenB = 14.0 / 360;
        public const double BackoffBos = 1.0 / 12, BackoffA = 2.0 / 9, BackoffB = 2.0 / 15;
    }

    // ---------------------------------------------------------------------------------------------
    // TRIGRAM MODEL (order 3) of TrigramCorpus: <s> a </s> ×2, <s> a b </s> ×2, <s> b </s> ×2, <s> b a </s>
    //
    // Trigrams, raw counts:  <s> a </s> 2   <s> a b 2   a b </s> 2   <s> b </s> 2   <s> b a 1   b a </s> 1
    //   n1=2 n2=4 n3=0: fallback D1=0.5 D2=1 D3+=1.5
    // Bigrams: those starting with <s> keep raw counts, the rest get N1+(• v w) over the trigrams:
    //   <s> a 4   <s> b 3   a </s>: {<s>, b} = 2   a b: {<s>} = 1   b </s>: {a, <s>} = 2   b a: {<s>} = 1
    //   n1=2 n2=2 n3=1 n4=1:  Y = 2/(2+4) = 1/3;  D1 = 1 - 2(1/3)(2/2) = 1/3;  D2 = 2 - 3(1/3)(1/2) = 3/2;  D3+ = 3 - 4(1/3)(1/1) = 5/3
    // Unigrams over the bigrams: a {<s>, b} = 2, b {<s>, a} = 2, </s> {a, b} = 2: fallback, same as above
    //   p(a) = p(b) = p(</s>) = 7/24, p(<unk>) = 1/8
    // Bigram contexts:
    //   <s>: a 4, b 3; Σ = 7; γ = (5/3 + 5/3)/7 = 10/21
    //        p(a|<s>) = (4-5/3)/7 + (10/21)(7/24) = 1/3 + 5/36 = 17/36
    //        p(b|<s>) = (3-5/3)/7 + 5/36 = 4/21 + 5/36 = 83/252
    //   a:   </s> 2, b 1; Σ = 3; γ = (3/2 + 1/3)/3 = 11/18
    //        p(</s>|a) = (2-3/2)/3 + (11/18)(7/24) = 1/6 + 77/432 = 149/432
    //        p(b|a)    = (1-1/3)/3 + 77/432 = 2/9 + 77/432 = 173/432
    //   b:   </s> 2, a 1 — the same numbers: p(</s>|b) = 149/432, p(a|b) = 173/432, γ = 11/18
    // Trigram contexts (fallback discounts):
    //   <s> a: </s> 2, b 2; Σ = 4; γ = (1+1)/4 = 1/2
    //          p(</s>|<s> a) = (2-1)/4 + (1/2)(149/432) = 216/864 + 149/864 = 365/864
    //          p(b|<s> a)    = 1/4 + (1/2)(173/432) = 389/864
    //   a b:   </s> 2; Σ = 2; γ = 1/2;  p(</s>|a b) = 1/2 + (1/2)(149/432) = 581/864
    //   <s> b: </s> 2, a 1; Σ = 3; γ = (1 + 0.5)/3 = 1/2
    //          p(</s>|<s> b) = 1/3 + 149/864 = 437/864;   p(a|<s> b) = 1/6 + 173/864 = 317/864
    //   b a:   </s> 1; Σ = 1; γ = 0.5/1 = 1/2;  p(</s>|b a) = 1/2 + 149/864 = 581/864
    // Backed-off after <s> a: p(a|<s> a) = (1/2)(11/18)(7/24) = 77/864, p(<unk>|<s> a) = (1/2)(11/18)(1/8) = 33/864
    //   (365 + 389 + 77 + 33 = 864: the distribution sums to 1)
    // ---------------------------------------------------------------------------------------------
    public static class Trigram
    {
        public static readonly NGramDiscountFixture BigramDiscount = new(1.0 / 3, 3.0 / 2, 5.0 / 3);
        public const double PAGivenBos = 17.0 / 36, PBGivenBos = 83.0 / 252;
        public const double PEosGivenBosA = 365.0 / 864, PBGivenBosA = 389.0 / 864, PAGivenBosA = 77.0 / 864, PUnkGivenBosA = 33.0 / 864;
        public const double PEosGivenAB = 581.0 / 864, PEosGivenBA = 581.0 / 864;
        public const double PEosGivenBosB = 437.0 / 864, PAGivenBosB = 317.0 / 864;
        public const double PBGivenA = 173.0 / 432, PEos = 7.0 / 24;
        public const double BackoffBA = 0.5, BackoffA = 11.0 / 18;
    }

    public static IEnumerable<ReadOnlyMemory<int>> Sentences(int[][] corpus) => corpus.Select(s => new ReadOnlyMemory<int>(s));
}

/// <summary>Expected D1, D2, D3+ of one order.</summary>
internal sealed record NGramDiscountFixture(double D1, double D2, double D3Plus);
