namespace HnReply.Evaluation;

/// <summary>Progress of an evaluation: documents done of the total.</summary>
public sealed record EvaluationProgress(long Done, long Total);
