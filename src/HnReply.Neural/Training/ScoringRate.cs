namespace HnReply.Neural.Training;

/// <summary>
/// How fast validation scores tokens, learnt from each validation pass, so training can keep back
/// the time its remaining scoring will take. Before the first pass it assumes scoring runs four
/// times as fast as training (a forward pass without backward, on larger batches), plus a margin.
/// </summary>
internal sealed class ScoringRate(long validTokens)
{
    private const double GuessOverTraining = 4;
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
    private double? _tokensPerSecond;

    public void Observe(TimeSpan validation)
    {
        if (validTokens > 0 && validation > TimeSpan.Zero) _tokensPerSecond = validTokens / validation.TotalSeconds;
    }

    /// <summary>Time for one validation plus <paramref name="moreTokens"/>.</summary>
    public TimeSpan Time(long moreTokens, double trainingTokensPerSecond)
    {
        double rate = _tokensPerSecond ?? Math.Max(1, trainingTokensPerSecond * GuessOverTraining);
        return TimeSpan.FromSeconds((validTokens + moreTokens) / rate) * 1.2 + Margin;
    }
}
