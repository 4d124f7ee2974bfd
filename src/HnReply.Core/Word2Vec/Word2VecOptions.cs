using System.Globalization;

namespace HnReply.Word2Vec;

/// <summary>
/// Every setting of word2vec training, with the defaults of the C tool (tmikolov/word2vec, v0.1c) so
/// that settings carry over flag for flag (<see cref="ToCommandLine"/> prints them in its syntax).
/// Two deliberate differences: <see cref="Threads"/> defaults to this machine's cores rather than
/// 12, and <see cref="Seed"/> exists (the C tool's is fixed at 1).
/// </summary>
public sealed record Word2VecOptions
{
    /// <summary><c>-cbow 1|0</c>. CBOW is the C tool's default; skip-gram is the reference setting.</summary>
    public Word2VecArchitecture Architecture { get; init; } = Word2VecArchitecture.Cbow;

    /// <summary><c>-size</c>: dimensions of a word vector; 100 is the C tool's default.</summary>
    public int Size { get; init; } = 100;

    /// <summary><c>-window</c>: largest distance to a context word; each position draws its own window in 1..Window.</summary>
    public int Window { get; init; } = 5;

    /// <summary><c>-negative</c>: noise words per prediction, drawn from unigram^0.75 (0 turns negative sampling off).</summary>
    public int Negative { get; init; } = 5;

    /// <summary><c>-hs 1</c>: hierarchical softmax over a Huffman tree of the vocabulary, instead of or with negative sampling.</summary>
    public bool HierarchicalSoftmax { get; init; }

    /// <summary><c>-sample</c>: threshold above which frequent words are randomly dropped (0 = off); 1e-3 is the default, 1e-5..1e-4 suits big corpora.</summary>
    public double Sample { get; init; } = 1e-3;

    /// <summary><c>-alpha</c>: starting learning rate; unset means 0.025 for skip-gram and 0.05 for CBOW, as the C tool does.</summary>
    public double? Alpha { get; init; }

    /// <summary><c>-min-count</c>: words seen fewer times are dropped from the vocabulary and the text.</summary>
    public int MinCount { get; init; } = 5;

    /// <summary><c>-iter</c>: passes over the text; the learning rate falls linearly to 0.0001 of its start over all of them.</summary>
    public int Iterations { get; init; } = 5;

    /// <summary><c>-threads</c>: lock-free (Hogwild) workers, each over its own slice of the text. 1 is bit-for-bit reproducible.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Start of the random streams: initial vectors from Seed, worker t from Seed - 1 + t. 1 starts them where the C tool does.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The learning rate training starts from.</summary>
    public double StartingAlpha => Alpha ?? (Architecture == Word2VecArchitecture.Cbow ? 0.05 : 0.025);

    /// <summary>Throws one <see cref="ArgumentException"/> that lists every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Size is < 1 or > 10_000) errors.Add($"size must be in 1..10000, got {Size}");
        if (Window is < 1 or > 100) errors.Add($"window must be in 1..100, got {Window}");
        if (Negative is < 0 or > 100) errors.Add($"negative must be in 0..100, got {Negative}");
        if (Negative == 0 && !HierarchicalSoftmax) errors.Add("negative is 0 and hs is off: nothing to train (use --negative N or --hs 1)");
        if (!double.IsFinite(Sample) || Sample < 0) errors.Add($"sample must be 0 or more, got {Sample}");
        if (Alpha is { } alpha && (!double.IsFinite(alpha) || alpha <= 0 || alpha > 1)) errors.Add($"alpha must be in (0, 1], got {alpha}");
        if (MinCount < 1) errors.Add($"min-count must be 1 or more, got {MinCount}");
        if (Iterations < 1) errors.Add($"iter must be 1 or more, got {Iterations}");
        if (Threads is < 1 or > 1024) errors.Add($"threads must be in 1..1024, got {Threads}");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }

    /// <summary>The same settings as flags of the C tool, e.g. <c>-cbow 0 -size 100 -window 5 ...</c>.</summary>
    public string ToCommandLine() => string.Create(CultureInfo.InvariantCulture,
        $"-cbow {(Architecture == Word2VecArchitecture.Cbow ? 1 : 0)} -size {Size} -window {Window} -negative {Negative} " +
        $"-hs {(HierarchicalSoftmax ? 1 : 0)} -sample {Sample:R} -alpha {StartingAlpha:R} -min-count {MinCount} -iter {Iterations} -threads {Threads}");
}
