namespace HnReply.Neural.Lstm;

/// <summary>
/// How a chunk's cross-entropy becomes the loss that is differentiated. Mean: over every target
/// (PyTorch's word_language_model). SumOverTime: summed over the unrolled steps and averaged over
/// the batch, as Zaremba et al.'s code does — the same direction, Bptt times longer, so the paper's
/// learning rate 1 and clip 5 mean what they meant there.
/// </summary>
public enum LossReduction { Mean, SumOverTime }
