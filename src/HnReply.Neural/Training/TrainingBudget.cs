namespace HnReply.Neural.Training;

/// <summary>
/// The time a training command may take: training stops early enough that one last validation
/// and <see cref="ScoredAfterTraining"/> more scored tokens (the test set) end by <see cref="Deadline"/>.
/// </summary>
public sealed record TrainingBudget(DateTimeOffset? Deadline, long ScoredAfterTraining);
