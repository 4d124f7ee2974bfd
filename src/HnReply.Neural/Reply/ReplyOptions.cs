using HnReply.Neural.Lstm;
using HnReply.Neural.Runtime;

namespace HnReply.Neural.Reply;

/// <summary>
/// Everything that defines a reply-model run, with a reason for each default. The defaults fit the
/// LSTM LM this project trains (256 units, tied weights), so <c>--init-lm</c> can start the decoder
/// from it; small pair sets (a few thousand pairs) train in minutes on one CPU thread.
/// </summary>
public sealed record ReplyOptions
{
    /// <summary>Word vector size, shared by encoder and decoder (one vocabulary). With --init-lm it is the LM's.</summary>
    public int EmbeddingSize { get; init; } = 256;

    /// <summary>Decoder LSTM units; with --init-lm the LM's hidden size. The encoder's two directions have half each,
    /// so the memory bank it attends over is the decoder's width.</summary>
    public int HiddenSize { get; init; } = 256;

    /// <summary>
    /// Dropout on embeddings and on the attentional output (non-recurrent connections, as the LM). 0.5 gave the best
    /// validation perplexity of 0.1 / 0.3 / 0.5 / 0.7 on real HN pairs with a frozen LM (bench/README.md).
    /// </summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Share the output layer with the embedding (Press &amp; Wolf 2017), as the LM does; needs EmbeddingSize = HiddenSize.</summary>
    public bool TieWeights { get; init; } = true;

    /// <summary>The output layer: a full softmax, or the adaptive softmax of an --init-lm trained with one (its cutoffs
    /// and tail divisor too), so the decoder scores exactly as the LM did.</summary>
    public SoftmaxKind Softmax { get; init; } = SoftmaxKind.Full;

    public int[] Cutoffs { get; init; } = [];
    public int TailDivisor { get; init; } = 4;

    /// <summary>Context tokens read by the encoder: the title (up to <see cref="MaxTitleTokens"/>), a separator, then the
    /// end of the parent. 400 holds nearly every HN parent whole, and every word of it is one the copy can give: on
    /// 200 held-out HN pairs 400 scored the replies at 157.50 where 120 gave 159.34 (bench/README.md, m10 vs m7).</summary>
    public int MaxContextTokens { get; init; } = 400;

    public int MaxTitleTokens { get; init; } = 24;

    /// <summary>Reply tokens trained on (a longer reply is cut and then has no &lt;/s&gt; target). Scoring reads whole replies.</summary>
    public int MaxReplyTokens { get; init; } = 80;

    /// <summary>Train only what the LM did not give (encoder, bridge, attention, copy gate); for --init-lm on few pairs.</summary>
    public bool FreezeLanguageModel { get; init; }

    /// <summary>Share of the target mass spread over the vocabulary (Szegedy et al. 2016); 0 = plain cross-entropy.</summary>
    public double LabelSmoothing { get; init; }

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>AdamW at 1e-3: the decoder starts from a trained LM, so a gentler rate than the LM's own 3e-3 keeps what it knows.</summary>
    public double LearningRate { get; init; } = 0.001;

    public double WeightDecay { get; init; } = 0.01;

    public int Epochs { get; init; } = 20;

    /// <summary>Halve the rate whenever validation does not improve.</summary>
    public bool ReduceOnPlateau { get; init; } = true;

    /// <summary>Stop after this many evaluations without improvement (0 = never).</summary>
    public int Patience { get; init; } = 3;

    public double ClipNorm { get; init; } = 5;

    /// <summary>Pairs per step, grouped by length so little is padding.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Also validate every this many steps (0 = only at the end of each epoch).</summary>
    public int EvalEverySteps { get; init; }

    /// <summary>Stop after this many minutes, keeping the best weights (0 = no limit).</summary>
    public double MaxMinutes { get; init; }

    public double CheckpointSeconds { get; init; } = 60;

    public int CheckpointEverySteps { get; init; }

    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    public int Threads { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>These options with the output layer of <paramref name="languageModel"/>, whose parts start the decoder.</summary>
    public ReplyOptions WithOutputLayerOf(LstmOptions languageModel) =>
        this with { Softmax = languageModel.Softmax, Cutoffs = languageModel.Cutoffs, TailDivisor = languageModel.TailDivisor };

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid value at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (EmbeddingSize < 1) errors.Add($"--embedding must be positive, got {EmbeddingSize}");
        if (HiddenSize < 2 || HiddenSize % 2 != 0) errors.Add($"--hidden must be even and at least 2 (the encoder's two directions have half each), got {HiddenSize}");
        if (Dropout is < 0 or >= 1) errors.Add($"--dropout must be in [0, 1), got {Dropout}");
        if (TieWeights && EmbeddingSize != HiddenSize) errors.Add($"--tie-weights needs --embedding equal to --hidden, got {EmbeddingSize} and {HiddenSize}");
        if (Softmax == SoftmaxKind.Auto || (Softmax == SoftmaxKind.Adaptive) != (Cutoffs.Length > 0))
            errors.Add($"the output layer must be full, or adaptive with cutoffs; got {Softmax} with {Cutoffs.Length} cutoffs");
        if (MaxContextTokens < 1) errors.Add($"--max-context must be positive, got {MaxContextTokens}");
        if (MaxTitleTokens < 0 || MaxTitleTokens >= MaxContextTokens) errors.Add($"--max-title must be in [0, --max-context), got {MaxTitleTokens}");
        if (MaxReplyTokens < 1) errors.Add($"--max-reply must be positive, got {MaxReplyTokens}");
        if (LabelSmoothing is < 0 or >= 1) errors.Add($"--label-smoothing must be in [0, 1), got {LabelSmoothing}");
        if (LearningRate <= 0) errors.Add($"--lr must be positive, got {LearningRate}");
        if (WeightDecay < 0) errors.Add($"--weight-decay must be >= 0, got {WeightDecay}");
        if (Epochs < 1) errors.Add($"--epochs must be positive, got {Epochs}");
        if (Patience < 0) errors.Add($"--patience must be >= 0, got {Patience}");
        if (ClipNorm <= 0) errors.Add($"--clip must be positive, got {ClipNorm}");
        if (BatchSize < 1) errors.Add($"--batch-size must be positive, got {BatchSize}");
        if (EvalEverySteps < 0) errors.Add($"--eval-every must be >= 0, got {EvalEverySteps}");
        if (MaxMinutes < 0) errors.Add($"--max-minutes must be >= 0, got {MaxMinutes}");
        if (CheckpointSeconds <= 0) errors.Add($"--checkpoint-seconds must be positive, got {CheckpointSeconds}");
        if (CheckpointEverySteps < 0) errors.Add($"--checkpoint-every must be >= 0, got {CheckpointEverySteps}");
        if (Threads < 0) errors.Add($"--threads must be >= 0, got {Threads}");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }
}
