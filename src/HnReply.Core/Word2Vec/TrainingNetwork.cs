using System.Diagnostics;

namespace HnReply.Word2Vec;

/// <summary>
/// What all training threads share: the text, the weight matrices they update without locks, the
/// samplers and tables they only read, and the global word counter that drives the learning rate.
/// </summary>
internal sealed class TrainingNetwork
{
    private long wordsDone;

    public TrainingNetwork(Word2VecOptions options, Word2VecCorpus corpus)
    {
        Options = options;
        Tokens = corpus.TokenArray;
        var counts = corpus.Vocabulary.Counts;
        int words = counts.Count;
        Input = new PaddedRows(words, options.Size);
        // word2vec.c's InitNet: one generator from 1 (here the seed), rows in order, uniform in ±0.5/size.
        ulong random = (ulong)options.Seed;
        for (int a = 0; a < words; a++)
        {
            var row = Input.RowSpan(a);
            for (int b = 0; b < row.Length; b++)
            {
                random = random * 25214903917 + 11;
                row[b] = (float)(((random & 0xFFFF) / 65536f - 0.5) / options.Size);
            }
        }
        if (options.Negative > 0)
        {
            Output = new PaddedRows(words, options.Size);
            Sampler = new NegativeSampler(counts);
        }
        if (options.HierarchicalSoftmax)
        {
            TreeOutput = new PaddedRows(words, options.Size);
            Tree = HuffmanTree.Build(counts);
        }
        Keep = options.Sample > 0 ? KeepThresholds(counts, corpus.Vocabulary.TotalCount, (float)options.Sample) : null;
        TotalWords = options.Iterations * corpus.Vocabulary.TotalCount;
        StartingAlpha = (float)options.StartingAlpha;
    }

    public Word2VecOptions Options { get; }

    public int[] Tokens { get; }

    /// <summary>syn0: the word vectors.</summary>
    public PaddedRows Input { get; }

    /// <summary>syn1neg: output vectors of negative sampling, or null.</summary>
    public PaddedRows? Output { get; }

    /// <summary>syn1: output vectors of the tree's inner nodes, or null.</summary>
    public PaddedRows? TreeOutput { get; }

    public NegativeSampler? Sampler { get; }

    public HuffmanTree? Tree { get; }

    public SigmoidTable Sigmoid { get; } = new();

    /// <summary>Per word: a draw in [0, 1) above this drops the occurrence (subsampling), or null when off.</summary>
    public float[]? Keep { get; }

    /// <summary>Words to process over all passes and threads.</summary>
    public long TotalWords { get; }

    public float StartingAlpha { get; }

    public Stopwatch Clock { get; } = new();

    public long WordsDone => Interlocked.Read(ref wordsDone);

    /// <summary>Counts words done and returns the learning rate for the progress so far: linear decay to 0.0001 of the start.</summary>
    public float Advance(long words)
    {
        long done = Interlocked.Add(ref wordsDone, words);
        float alpha = StartingAlpha * (1 - done / (float)(TotalWords + 1));
        return Math.Max(alpha, StartingAlpha * 0.0001f);
    }

    // The C tool's expression, in its mix of float and double: keep with probability (sqrt(f/t) + 1)·t/f,
    // f the word's count, t = sample · words.
    private static float[] KeepThresholds(IReadOnlyList<long> counts, long totalWords, float sample)
    {
        float threshold = sample * totalWords;
        var keep = new float[counts.Count];
        for (int w = 0; w < keep.Length; w++)
            keep[w] = counts[w] == 0 ? 1 : (float)((Math.Sqrt(counts[w] / threshold) + 1) * threshold / counts[w]);
        return keep;
    }
}
