namespace HnReply.NGram;

/// <summary>The stages of <see cref="KneserNeyEstimator"/>, in lmplz's order.</summary>
public enum NGramStage
{
    Counting,
    AdjustingCounts,
    Discounting,
    InitialProbabilities,
    Interpolating,
    BuildingModel,
    Done,
}
