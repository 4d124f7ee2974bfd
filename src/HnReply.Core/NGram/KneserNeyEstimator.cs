namespace HnReply.NGram;

/// <summary>
/// Estimates an interpolated modified Kneser-Ney model the way KenLM's lmplz does (Heafield et al.
/// 2013, "Scalable Modified Kneser-Ney Language Model Estimation"), one stage per file in lmplz's
/// order: <see cref="NGramCounter"/> → <see cref="CountAdjuster"/> → <see cref="Discounts"/> →
/// <see cref="InitialProbabilities"/> → <see cref="Interpolator"/>, then
/// <see cref="NGramModelBuilder"/> lays the result out for queries. Unlike lmplz it works in
/// memory (about 120 bytes per distinct n-gram at peak, measured), never prunes, takes token ids from our
/// vocabulary (so words of the vocabulary that the corpus lacks are zerotons like &lt;unk&gt;, and
/// &lt;unk&gt; in the corpus is an ordinary word), and falls back to fixed discounts with a warning
/// where lmplz would stop with BadDiscountException.
/// </summary>
public static class KneserNeyEstimator
{
    internal const int Bos = 1;
    internal const int Eos = 2;
    internal const int Pad = 3;

    /// <summary>Builds a model from sentences of token ids (each scored as its tokens, then &lt;/s&gt;).</summary>
    /// <param name="vocabularySize">Number of ids, specials &lt;unk&gt; &lt;s&gt; &lt;/s&gt; &lt;pad&gt; (0..3) included; every token must be below it.</param>
    public static NGramModel Estimate(IEnumerable<ReadOnlyMemory<int>> sentences, int vocabularySize, NGramOptions options,
                                      IProgress<NGramProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 4);
        options.Validate();
        var warnings = new List<string>();

        progress?.Report(new NGramProgress(NGramStage.Counting, 0));
        var orders = NGramCounter.Count(sentences, vocabularySize, options.Order, progress, warnings, out long tokens);
        if (tokens == 0) warnings.Add("the corpus is empty: every token gets the uniform probability");

        progress?.Report(new NGramProgress(NGramStage.AdjustingCounts, tokens));
        var countOfCounts = CountAdjuster.Adjust(orders);

        progress?.Report(new NGramProgress(NGramStage.Discounting, tokens));
        var discounts = Discounts.Compute(countOfCounts, options.FallbackDiscount, warnings);

        progress?.Report(new NGramProgress(NGramStage.InitialProbabilities, tokens));
        var initial = InitialProbabilities.Compute(orders, discounts);

        progress?.Report(new NGramProgress(NGramStage.Interpolating, tokens));
        var interpolated = Interpolator.Interpolate(orders, initial);

        progress?.Report(new NGramProgress(NGramStage.BuildingModel, tokens));
        var model = NGramModelBuilder.Build(interpolated, warnings, discounts);
        progress?.Report(new NGramProgress(NGramStage.Done, tokens));
        return model;
    }
}
