namespace HnReply.Neural.Training;

/// <summary>
/// The time a training command may take: training stops early enough that one last validation
/// and <see cref="ScoredAfterTraining"/> more scored tokens (the test set) end by <see cref="Deadline"/>.
/// </summary>
public sealed record TrainingBudget(DateTimeOffset? Deadline, long ScoredAfterTraining)
{
    /// <summary>How far a run is through its time, for the ETA (null without a deadline): the time spent over the time spent and left for training.</summary>
    internal double? FractionUsed(TimeSpan elapsed, DateTimeOffset now, double tokensPerSecond, ScoringRate scoring)
    {
        if (Deadline is not { } deadline) return null;
        var left = deadline - now - scoring.Time(ScoredAfterTraining, tokensPerSecond);
        return elapsed / (elapsed + (left > TimeSpan.Zero ? left : TimeSpan.Zero));
    }
}
