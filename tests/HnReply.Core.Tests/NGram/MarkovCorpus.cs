namespace HnReply.Core.Tests.NGram;

/// <summary>
/// Synthetic sentences with structure an n-gram can find: each word follows from the last word
/// (40% of the time), the last two (30%) or the last three (30%), each history allowing only a few
/// successors, so each order up to 4 should beat the one below. Seeded, so every run sees the same corpus.
/// </summary>
internal static class MarkovCorpus
{
    public const int FirstWord = 4;
    private const int History = 3;

    public static int[][] Generate(int seed, int sentences, int words, int successors = 2)
    {
        var table = new Random(12345 + words);
        var next = new int[History][];
        for (int h = 0; h < History; h++)
        {
            next[h] = new int[(int)Math.Pow(words, h + 1) * successors];
            for (int i = 0; i < next[h].Length; i++) next[h][i] = table.Next(words);
        }

        var random = new Random(seed);
        var corpus = new int[sentences][];
        for (int i = 0; i < sentences; i++)
        {
            var sentence = new List<int>();
            for (int j = 0; j < History; j++) sentence.Add(random.Next(words));
            while (sentence.Count < 30 && random.NextDouble() > 0.08)
            {
                double pick = random.NextDouble();
                int history = pick < 0.4 ? 1 : pick < 0.7 ? 2 : 3;
                int context = 0;
                for (int j = history; j >= 1; j--) context = context * words + sentence[^j];
                sentence.Add(next[history - 1][context * successors + random.Next(successors)]);
            }
            corpus[i] = sentence.Select(w => w + FirstWord).ToArray();
        }
        return corpus;
    }

    public static IEnumerable<ReadOnlyMemory<int>> AsMemory(this int[][] corpus) => corpus.Select(s => new ReadOnlyMemory<int>(s));
}
