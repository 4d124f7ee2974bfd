namespace HnReply.Neural.Training;

/// <summary>
/// Where training is, for progress bars: chunk of epoch, rate, loss, learning rate, and under a time
/// budget the share of it used (so an ETA can honour the limit).
/// </summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Chunk, int Chunks, long Step, double TokensPerSecond, double Loss, double LearningRate,
                                      double? ValidPerplexity, double? TimeFraction = null);
