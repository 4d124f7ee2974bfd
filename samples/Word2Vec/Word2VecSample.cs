using HnReply.Word2Vec;

namespace HnReply.Samples.Word2Vec;

/// <summary>
/// Skip-gram with negative sampling: one update written out on plain arrays (what the trainer does
/// for every (centre, context) pair, with SIMD and many threads), then the trainer on a small
/// synthetic two-topic text, and the nearest words it finds.
/// </summary>
public static class Word2VecSample
{
    public static void Run(TextWriter output)
    {
        OneUpdateByHand(output);
        TrainOnTwoTopics(output);
    }

    private static void OneUpdateByHand(TextWriter output)
    {
        const int size = 8, negatives = 3;
        const float learningRate = 0.1f;
        var random = new Random(1);
        float[] Row() => Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] centre = Row();                                               // v: the centre word's input vector
        float[] context = Row();                                              // u: the true context word's output vector
        float[][] noise = Enumerable.Range(0, negatives).Select(_ => Row()).ToArray(); // u₁…u_k: sampled words

        for (int step = 0; step <= 10; step++)
        {
            // loss = −log σ(u·v) − Σ log σ(−uₙ·v): the true pair scores high, the noise pairs low.
            double loss = -Math.Log(Sigmoid(Dot(context, centre))) - noise.Sum(n => Math.Log(Sigmoid(-Dot(n, centre))));
            if (step % 5 == 0) output.WriteLine($"by hand, step {step,2}: loss {loss:F4}");
            // Gradient step. For each output row: g = lr · (label − σ(u·v)), label 1 for the context, 0 for noise;
            // the row moves by g·v, and v collects Σ g·u (applied after all rows, as word2vec.c does).
            var centreChange = new float[size];
            foreach (var (row, label) in noise.Select(n => (n, 0f)).Prepend((context, 1f)))
            {
                float g = learningRate * (label - Sigmoid(Dot(row, centre)));
                for (int d = 0; d < size; d++)
                {
                    centreChange[d] += g * row[d];
                    row[d] += g * centre[d];
                }
            }
            for (int d = 0; d < size; d++) centre[d] += centreChange[d];
        }
    }

    private static void TrainOnTwoTopics(TextWriter output)
    {
        string[][] topics =
        [
            ["rust", "compiler", "borrow", "checker", "types", "memory", "cargo", "crate"],
            ["coffee", "tea", "milk", "sugar", "cup", "morning", "espresso", "beans"],
        ];
        var random = new Random(1);
        var sentences = Enumerable.Range(0, 400).Select(n =>
        {
            var topic = topics[n % 2];
            return string.Join(' ', Enumerable.Range(0, 8).Select(_ => random.Next(3) == 0 ? "the" : topic[random.Next(topic.Length)]));
        }).ToList();

        var corpus = Word2VecCorpus.FromDocuments(sentences, lowercase: true, minCount: 1);
        var options = new Word2VecOptions
        {
            Architecture = Word2VecArchitecture.SkipGram, Size = 16, Window = 3, Negative = 5,
            Sample = 0, MinCount = 1, Iterations = 10, Threads = 1, Seed = 1,
        };
        var result = new Word2VecTrainer(options).Train(corpus);
        output.WriteLine($"trainer: {result.WordsTrained:N0} words, loss per pass {string.Join(" → ", result.Epochs.Select(e => e.Loss.ToString("F3")))}");
        foreach (string word in new[] { "rust", "coffee" })
        {
            var nearest = NearestWords.Nearest(result.Vectors, word, 3).Select(s => $"{s.Word} {s.Similarity:F2}");
            output.WriteLine($"nearest to {word}: {string.Join(", ", nearest)}");
        }
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));
}
