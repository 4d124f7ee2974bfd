namespace HnReply.Word2Vec;

/// <summary>
/// One pass over the text. <see cref="Loss"/> is the true mean loss of the pass: -log σ(±score)
/// summed over every prediction made (each positive and each noise word of negative sampling,
/// each tree decision of hierarchical softmax, clipped scores included) divided by
/// <see cref="Predictions"/>. <see cref="Elapsed"/> is from the start of training to when the last
/// thread finished this pass; <see cref="Alpha"/> the learning rate then.
/// </summary>
public sealed record Word2VecEpoch(int Epoch, double Loss, long Predictions, long Words, double Alpha, TimeSpan Elapsed);
