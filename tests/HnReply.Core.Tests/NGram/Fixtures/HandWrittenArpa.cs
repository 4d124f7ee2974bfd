namespace HnReply.Core.Tests.NGram.Fixtures;

/// <summary>
/// ARPA files written by hand, in the dialects real tools write, with sentence scores worked out
/// by hand from ARPA's back-off rule: log10 p(w | h) = log10 p(h w) if h w is listed, else
/// backoff(h) + log10 p(w | h minus its first word), a missing h having backoff 0.
/// </summary>
internal static class HandWrittenArpa
{
    /// <summary>SRILM style: a comment before \data\, -99 for &lt;s&gt;, space-separated fields, backoffs left out where 0.</summary>
    public const string Srilm = """

        This preamble is ignored, as SRILM and KenLM ignore it.
        \data\
        ngram 1=5
        ngram 2=4
        ngram 3=2

        \1-grams:
        -1.0 <unk>
        -99 <s> -0.5
        -0.6 </s>
        -0.4 the -0.3
        -0.7 cat -0.2

        \2-grams:
        -0.2 <s> the -0.1
        -0.3 the cat -0.05
        -0.25 cat </s>
        -0.9 the </s>

        \3-grams:
        -0.1 <s> the cat
        -0.15 the cat </s>

        \end\
        """;

    // "the cat":  p(the|<s>) -0.2 · p(cat|<s> the) -0.1 (trigram) · p(</s>|the cat) -0.15 (trigram)
    public const double TheCat = -0.2 - 0.1 - 0.15;

    // "cat the":  p(cat|<s>): no "<s> cat", bo(<s>) -0.5 + p(cat) -0.7 = -1.2
    //             p(the|<s> cat): no trigram, "<s> cat" unlisted (bo 0); no "cat the": bo(cat) -0.2 + p(the) -0.4 = -0.6
    //             p(</s>|cat the): no trigram, "cat the" unlisted (bo 0); "the </s>" -0.9
    public const double CatThe = -1.2 - 0.6 - 0.9;

    // "dog" (not a unigram, scored as <unk>): bo(<s>) -0.5 + p(<unk>) -1.0 = -1.5; then p(</s>|<unk>) = bo(<unk>) 0 + -0.6
    public const double Dog = -1.5 - 0.6;

    // "the the": -0.2; p(the|<s> the) = bo(<s> the) -0.1 + bo(the) -0.3 + p(the) -0.4 = -0.8; p(</s>|the the) = -0.9
    public const double TheThe = -0.2 - 0.8 - 0.9;

    /// <summary>
    /// A pruned file (KenLM style, tabs): the trigram "the the &lt;/s&gt;" whose context "the the" is not
    /// listed, and the trigram "&lt;s&gt; the cat" whose suffix "the cat" is not listed.
    /// </summary>
    public const string Pruned = """
        \data\
        ngram 1=5
        ngram 2=2
        ngram 3=2

        \1-grams:
        -1.0	<unk>	0
        0	<s>	-0.5
        -0.6	</s>	0
        -0.4	the	-0.3
        -0.7	cat	-0.2

        \2-grams:
        -0.2	<s> the	-0.1
        -0.9	the </s>	0

        \3-grams:
        -0.05	the the </s>
        -0.02	<s> the cat

        \end\
        """;

    // "the the": -0.2; p(the|<s> the) = bo(<s> the) -0.1 + bo(the) -0.3 + p(the) -0.4 = -0.8; p(</s>|the the) trigram -0.05
    public const double PrunedTheThe = -0.2 - 0.8 - 0.05;

    // "the cat": -0.2; p(cat|<s> the) trigram -0.02; p(</s>|the cat): no trigram, "the cat" unlisted (bo 0),
    //            no "cat </s>": bo(cat) -0.2 + p(</s>) -0.6 = -0.8
    public const double PrunedTheCat = -0.2 - 0.02 - 0.8;

    // "cat the cat": p(cat|<s>) = -0.5 - 0.7 = -1.2; p(the|<s> cat) = bo(cat) -0.2 + p(the) -0.4 = -0.6;
    //   p(cat|cat the): no trigram, "cat the" unlisted; no "the cat": bo(the) -0.3 + p(cat) -0.7 = -1.0;
    //   p(</s>|the cat): as above -0.8
    public const double PrunedCatTheCat = -1.2 - 0.6 - 1.0 - 0.8;
}
