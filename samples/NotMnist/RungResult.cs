namespace HnReply.Samples.NotMnist;

/// <summary>
/// What a rung reached: the epoch with the best validation accuracy, and the test accuracy and test
/// predictions of that epoch (the test set never chooses anything).
/// </summary>
public sealed record RungResult(Rung Rung, int BestEpoch, int Epochs, double ValidAccuracy, double TestAccuracy, long[] TestPredictions, TimeSpan Elapsed);
