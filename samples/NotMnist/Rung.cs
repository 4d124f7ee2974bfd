namespace HnReply.Samples.NotMnist;

/// <summary>
/// One step of the ladder: the network's hidden layers and the tricks it is allowed. Every rung is
/// trained the same way (mini-batch SGD with momentum 0.9 on cross-entropy), so a gain between rungs
/// comes from the model, not from a different optimiser.
/// </summary>
/// <param name="Hidden">ReLU layer widths; none is logistic regression (softmax over a linear map).</param>
/// <param name="Dropout">Dropout after every hidden layer while training (0 = none).</param>
/// <param name="WeightDecay">L2 penalty on the weights, as SGD's weight decay (0 = none).</param>
/// <param name="LearningRate">The first epoch's learning rate.</param>
/// <param name="Decay">The learning rate is multiplied by this after every epoch (1 = constant).</param>
public sealed record Rung(string Name, int[] Hidden, double Dropout, double WeightDecay, double LearningRate, double Decay)
{
    /// <summary>The course's three steps: logistic regression, one hidden layer, a deeper net with more tricks.</summary>
    public static IReadOnlyList<Rung> Ladder { get; } =
    [
        new("logistic regression", [], Dropout: 0, WeightDecay: 0, LearningRate: 0.01, Decay: 1),
        // 1024 ReLU units: the course's first hidden layer.
        new("1 hidden layer (1024 ReLU)", [1024], Dropout: 0, WeightDecay: 0, LearningRate: 0.01, Decay: 1),
        // Two hidden layers need regularising on 8,000 images: dropout and L2 keep them from memorising
        // the training set, and decay lets the last epochs settle instead of bouncing around a minimum.
        // The best of four settings on the valid split (docs/08-kiss.md lists them).
        new("deeper (1024-512 ReLU, dropout 0.5, L2 1e-4, lr decay 0.97)", [1024, 512], Dropout: 0.5, WeightDecay: 1e-4, LearningRate: 0.02, Decay: 0.97),
    ];
}
