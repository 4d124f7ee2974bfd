namespace HnReply.Neural.Lstm;

/// <summary>
/// The output layer. Full: one linear map to every word, then softmax. Adaptive: Grave et al. 2017
/// ("Efficient softmax approximation for GPUs"): a head over the most frequent words and one entry
/// per tail cluster, each cluster a reduced projection — exact normalised probabilities at a
/// fraction of the cost on large vocabularies. Auto picks by vocabulary size (<see cref="LstmOptions.ResolveFor"/>).
/// </summary>
public enum SoftmaxKind { Auto, Full, Adaptive }
