using HnReply.Neural.Runtime;
using HnReply.Text;

namespace HnReply.Neural.Lstm;

/// <summary>
/// Everything that defines an LSTM language model run, with a reason for each default. The
/// defaults are a small model that beats the n-gram on HN text within minutes on two CPU cores;
/// <see cref="ForPreset"/> gives Zaremba, Sutskever &amp; Vinyals 2014 ("Recurrent Neural Network
/// Regularization", arXiv 1409.2329), word-level Penn Treebank, whose every value a flag can override.
/// </summary>
public sealed record LstmOptions
{
    /// <summary>Which preset the values came from (recorded in model.json).</summary>
    public LstmPreset Preset { get; init; }

    /// <summary>Word vector size; equal to <see cref="HiddenSize"/> when weights are tied.</summary>
    public int EmbeddingSize { get; init; } = 256;

    /// <summary>LSTM units per layer: 256 keeps a step cheap on CPU while clearly beating 4-grams.</summary>
    public int HiddenSize { get; init; } = 256;

    /// <summary>Stacked LSTM layers. One by default: it is what a reply model's --init-lm takes, and it scores at 24,000
    /// tokens/s. A second layer is better when there is time: on HN text (adaptive softmax) test perplexity 158.4 in 7.6
    /// minutes against 164.8 in 3.8, scored at 19,000 tokens/s. The paper uses 2.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>
    /// Dropout on the non-recurrent connections (input, between layers, output), Zaremba et al.'s placement. 0.5 (their
    /// medium model's): on 235k words of HN comments 0.3 over-fitted within 2½ minutes at test perplexity 173.5, where 0.5
    /// was already lower at that point and ended at 164.8 (adaptive softmax, bench/README.md).
    /// </summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>
    /// DropConnect on the hidden-to-hidden weights (Merity, Keskar &amp; Socher 2017, "Regularizing and Optimizing LSTM
    /// Language Models"): each training batch zeroes this share of the recurrent matrix's entries, so the recurrent
    /// connections are regularised too, which dropout on activations leaves alone. 0 = off. Any value here, or
    /// <see cref="EmbeddingDropout"/> or <see cref="VariationalDropout"/>, trains through an unrolled loop over the same
    /// weights (14–19 % slower); scoring is unchanged. Off by default: on 235k words of HN the three together took a
    /// two-layer model from test perplexity 181.3 to 174.8 but the default one-layer model from 175.6 to 177.2.
    /// </summary>
    public double WeightDrop { get; init; }

    /// <summary>Drops whole words from the embedding for a batch (every occurrence of a dropped word reads zeros; Gal &amp; Ghahramani 2016). 0 = off.</summary>
    public double EmbeddingDropout { get; init; }

    /// <summary>
    /// One dropout mask per sequence for a batch, the same at every time step (Gal &amp; Ghahramani 2016; AWD-LSTM's locked
    /// dropout), instead of a fresh mask at every step as in Zaremba et al.
    /// </summary>
    public bool VariationalDropout { get; init; }

    /// <summary>Whether training takes the unrolled loop: any of the regularisers it alone can apply is on.</summary>
    internal bool Unrolled => WeightDrop > 0 || EmbeddingDropout > 0 || VariationalDropout;

    /// <summary>Share the embedding and decoder matrices (Press &amp; Wolf 2017; Inan et al. 2017): fewer parameters, lower perplexity.</summary>
    public bool TieWeights { get; init; } = true;

    /// <summary>Full or adaptive softmax; Auto chooses by vocabulary size when training starts, and model.json keeps the choice.</summary>
    public SoftmaxKind Softmax { get; init; } = SoftmaxKind.Auto;

    /// <summary>Adaptive softmax: ids below the first cutoff form the head, each later range a tail cluster (empty = chosen by vocabulary size).</summary>
    public int[] Cutoffs { get; init; } = [];

    /// <summary>Adaptive softmax: tail cluster i projects to HiddenSize / TailDivisor^(i+1) dimensions (Grave et al.'s 4).</summary>
    public int TailDivisor { get; init; } = 4;

    /// <summary>
    /// Carry the hidden state across documents, as one stream (the Penn Treebank convention of Zaremba et al.; the presets use it).
    /// Off by default: the state resets where each document starts, so training sees documents the way eval, suggest and
    /// complete read them — from the begin-of-document state.
    /// </summary>
    public bool Stream { get; init; }

    /// <summary>Mean over every target, or the paper's sum over the unrolled steps (see <see cref="LossReduction"/>).</summary>
    public LossReduction Loss { get; init; } = LossReduction.Mean;

    /// <summary>Every parameter starts uniform in ±InitRange (the paper's initialisation).</summary>
    public double InitRange { get; init; } = 0.05;

    /// <summary>AdamW converges in few epochs on small data; the presets use the paper's SGD.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    public double LearningRate { get; init; } = 0.003;

    /// <summary>Decoupled weight decay for AdamW (Loshchilov &amp; Hutter 2019); SGD ignores it.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>An upper bound (PyTorch's word-language-model example's 40): runs end earlier by --patience or --max-minutes.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>The learning rate is multiplied by <see cref="DecayFactor"/> after each epoch past this one (the paper's max_epoch).</summary>
    public int DecayAfterEpoch { get; init; } = 4;

    /// <summary>1 = no step decay: the default run relies on AdamW and halving on a plateau; the presets use the paper's decay.</summary>
    public double DecayFactor { get; init; } = 1;

    /// <summary>Also halve the learning rate whenever validation perplexity does not improve (reduce-on-plateau).</summary>
    public bool ReduceOnPlateau { get; init; } = true;

    /// <summary>Stop after this many evaluations without improvement (0 = never).</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Global-norm gradient clipping (Pascanu et al. 2013); 5 in the paper.</summary>
    public double ClipNorm { get; init; } = 5;

    /// <summary>Truncated back-propagation length: the paper's 20 (small) or 35 steps.</summary>
    public int Bptt { get; init; } = 35;

    /// <summary>Parallel streams of the corpus (batch columns). 64 by default: wider matrix products run far more tokens/s on a
    /// CPU than the paper's 20 (the presets keep 20).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Also validate every this many steps on large corpora (0 = only at the end of each epoch).</summary>
    public int EvalEverySteps { get; init; }

    /// <summary>Stop training after this many minutes, keeping the best checkpoint (0 = no limit): "train for a few minutes".</summary>
    public double MaxMinutes { get; init; }

    /// <summary>
    /// Under <see cref="MaxMinutes"/>, the share of the training time at the end over which the learning rate falls
    /// linearly to zero (0 = off). A run that the limit stops is otherwise stopped at full rate, away from the minimum
    /// its last steps are circling: on the Penn Treebank, where 30 minutes end the default run, test perplexity 104.5
    /// with a fifth against 105.7 without (bench/README.md). The presets keep the paper's schedule.
    /// </summary>
    public double Cooldown { get; init; } = 0.2;

    /// <summary>Write a resumable checkpoint at least this often (and at every epoch end).</summary>
    public double CheckpointSeconds { get; init; } = 60;

    /// <summary>Also checkpoint every this many steps (0 = only by time and at epoch ends).</summary>
    public int CheckpointEverySteps { get; init; }

    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>libtorch intra-op threads (0 = one per core).</summary>
    public int Threads { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>A preset's values, Zaremba et al. 2014, table 1.</summary>
    public static LstmOptions ForPreset(LstmPreset preset) => preset switch
    {
        LstmPreset.Small => new LstmOptions
        {
            Preset = preset, EmbeddingSize = 200, HiddenSize = 200, Layers = 2, Dropout = 0, TieWeights = false, InitRange = 0.1,
            Softmax = SoftmaxKind.Full, Stream = true, Loss = LossReduction.SumOverTime,
            Optimizer = OptimizerKind.Sgd, LearningRate = 1, WeightDecay = 0, Epochs = 13, DecayAfterEpoch = 4, DecayFactor = 0.5,
            ReduceOnPlateau = false, Patience = 0, Cooldown = 0, ClipNorm = 5, Bptt = 20, BatchSize = 20,
        },
        LstmPreset.Medium => new LstmOptions
        {
            Preset = preset, EmbeddingSize = 650, HiddenSize = 650, Layers = 2, Dropout = 0.5, TieWeights = false, InitRange = 0.05,
            Softmax = SoftmaxKind.Full, Stream = true, Loss = LossReduction.SumOverTime,
            Optimizer = OptimizerKind.Sgd, LearningRate = 1, WeightDecay = 0, Epochs = 39, DecayAfterEpoch = 6, DecayFactor = 0.8,
            ReduceOnPlateau = false, Patience = 0, Cooldown = 0, ClipNorm = 5, Bptt = 35, BatchSize = 20,
        },
        LstmPreset.Large => new LstmOptions
        {
            Preset = preset, EmbeddingSize = 1500, HiddenSize = 1500, Layers = 2, Dropout = 0.65, TieWeights = false, InitRange = 0.04,
            Softmax = SoftmaxKind.Full, Stream = true, Loss = LossReduction.SumOverTime,
            Optimizer = OptimizerKind.Sgd, LearningRate = 1, WeightDecay = 0, Epochs = 55, DecayAfterEpoch = 14, DecayFactor = 1 / 1.15,
            ReduceOnPlateau = false, Patience = 0, Cooldown = 0, ClipNorm = 10, Bptt = 35, BatchSize = 20,
        },
        _ => new LstmOptions(),
    };

    /// <summary>
    /// Vocabularies of at least this many words get the adaptive softmax under <see cref="SoftmaxKind.Auto"/>. On 235k
    /// words of HN comments (9,923 words, 1×256, two cores) the full softmax trained at 1,390 tokens/s and the adaptive
    /// one (head 2,000) at 15,259; with dropout 0.5 it stops early at test perplexity 164.8 after 4 minutes, where the
    /// full softmax needed 30 minutes for 157.9 (bench/README.md). Below a few thousand words the head is most
    /// of the vocabulary and there is little to save.
    /// </summary>
    public const int AdaptiveFrom = 5_000;

    /// <summary>
    /// These options with the choices left to the vocabulary made: Auto becomes Full below
    /// <see cref="AdaptiveFrom"/> words and Adaptive from there; adaptive cutoffs default to a head of
    /// 2,000 words and two tails split at 10,000 (Grave et al.'s text8 setting) — at half the vocabulary
    /// in vocabularies of up to 10,000 words, rounded to hundreds. Two tails rather than one: on HN text
    /// (9,923 words) cutoffs 2000 and 5000 gave test perplexity 164.8 against 168.4 for 2000 alone, and
    /// eval ran 1.27× faster (the top-5 search computes a smaller tail for most rows; bench/README.md).
    /// </summary>
    public LstmOptions ResolveFor(int vocabularySize)
    {
        var softmax = Softmax == SoftmaxKind.Auto ? (vocabularySize >= AdaptiveFrom ? SoftmaxKind.Adaptive : SoftmaxKind.Full) : Softmax;
        if (softmax == SoftmaxKind.Full) return this with { Softmax = softmax, Cutoffs = [] };
        int[] cutoffs = Cutoffs.Length > 0 ? Cutoffs : DefaultCutoffs(vocabularySize);
        var resolved = this with { Softmax = softmax, Cutoffs = cutoffs };
        if (cutoffs[^1] >= vocabularySize || cutoffs[0] <= Vocabulary.Pad)
            throw new ArgumentException($"--cutoffs {string.Join(',', cutoffs)} must rise from above {Vocabulary.Pad} to below the vocabulary size {vocabularySize}");
        return resolved;
    }

    private static int[] DefaultCutoffs(int vocabularySize) => vocabularySize switch
    {
        > 10_000 => [2_000, 10_000],
        > 4_000 => [2_000, (vocabularySize / 2 + 50) / 100 * 100],
        > 2_000 => [2_000],
        _ => [Math.Max(5, vocabularySize / 4)],
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid value at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (EmbeddingSize < 1) errors.Add($"--embedding must be positive, got {EmbeddingSize}");
        if (HiddenSize < 1) errors.Add($"--hidden must be positive, got {HiddenSize}");
        if (Layers < 1) errors.Add($"--layers must be positive, got {Layers}");
        if (Dropout is < 0 or >= 1) errors.Add($"--dropout must be in [0, 1), got {Dropout}");
        if (WeightDrop is < 0 or >= 1) errors.Add($"--weight-drop must be in [0, 1), got {WeightDrop}");
        if (EmbeddingDropout is < 0 or >= 1) errors.Add($"--embedding-dropout must be in [0, 1), got {EmbeddingDropout}");
        if (TieWeights && EmbeddingSize != HiddenSize) errors.Add($"--tie-weights needs --embedding equal to --hidden, got {EmbeddingSize} and {HiddenSize}");
        if (InitRange <= 0) errors.Add($"--init-range must be positive, got {InitRange}");
        if (LearningRate <= 0) errors.Add($"--lr must be positive, got {LearningRate}");
        if (WeightDecay < 0) errors.Add($"--weight-decay must be >= 0, got {WeightDecay}");
        if (Epochs < 1) errors.Add($"--epochs must be positive, got {Epochs}");
        if (DecayFactor is <= 0 or > 1) errors.Add($"--lr-decay must be in (0, 1], got {DecayFactor}");
        if (Patience < 0) errors.Add($"--patience must be >= 0, got {Patience}");
        if (ClipNorm <= 0) errors.Add($"--clip must be positive, got {ClipNorm}");
        if (Bptt < 1) errors.Add($"--bptt must be positive, got {Bptt}");
        if (BatchSize < 1) errors.Add($"--batch-size must be positive, got {BatchSize}");
        if (EvalEverySteps < 0) errors.Add($"--eval-every must be >= 0, got {EvalEverySteps}");
        if (MaxMinutes < 0) errors.Add($"--max-minutes must be >= 0, got {MaxMinutes}");
        if (Cooldown is < 0 or > 1) errors.Add($"--cooldown must be in [0, 1], got {Cooldown}");
        if (CheckpointSeconds <= 0) errors.Add($"--checkpoint-seconds must be positive, got {CheckpointSeconds}");
        if (CheckpointEverySteps < 0) errors.Add($"--checkpoint-every must be >= 0, got {CheckpointEverySteps}");
        if (Threads < 0) errors.Add($"--threads must be >= 0, got {Threads}");
        if (Cutoffs.Zip(Cutoffs.Skip(1)).Any(p => p.First >= p.Second) || Cutoffs.Any(c => c < 1))
            errors.Add($"--cutoffs must be positive and rising, got {string.Join(',', Cutoffs)}");
        if (Cutoffs.Length > 0 && Softmax == SoftmaxKind.Full) errors.Add("--cutoffs needs --softmax adaptive");
        if (TailDivisor < 1) errors.Add($"--tail-divisor must be positive, got {TailDivisor}");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }
}
