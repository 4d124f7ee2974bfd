namespace HnReply.Neural.Training;

/// <summary>
/// The plain part of a checkpoint (state.json): where the loop is and what it has seen, so
/// <c>--resume</c> continues with exactly the next step. Tensors (weights, optimizer moments,
/// the RNG and the carried hidden state) sit beside it in their own files.
/// </summary>
internal sealed record TrainingState
{
    public int Epoch { get; init; } = 1;
    public int NextChunk { get; init; }
    public long Step { get; init; }
    public double PlateauScale { get; init; } = 1;
    public double BestValidPerplexity { get; init; } = double.PositiveInfinity;
    public int EvaluationsWithoutImprovement { get; init; }
    public double EpochLoss { get; init; }
    public long EpochTargets { get; init; }
    public double Seconds { get; init; }
    public bool Finished { get; init; }
}
