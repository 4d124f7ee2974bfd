namespace HnReply.Word2Vec;

/// <summary>
/// Scores analogy questions in the questions-words.txt format (<c>: section</c> lines, then lines of
/// four words "a b c d": a is to b as c is to d) with the semantics of word2vec's compute-accuracy:
/// words match case-insensitively; with <c>restrict</c> N &gt; 0 only the N most frequent words (the
/// first N rows) exist, so a question with any word outside them is skipped and counted against
/// coverage, and only they are candidate answers; the three question words are never answers.
/// </summary>
public static class AnalogyEvaluation
{
    public static AnalogyReport Evaluate(WordVectors vectors, TextReader questions, int restrict, string source = "questions")
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentOutOfRangeException.ThrowIfNegative(restrict);
        int known = restrict > 0 ? Math.Min(restrict, vectors.Count) : vectors.Count;
        var index = new Dictionary<string, int>(known, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < known; i++) index.TryAdd(vectors.Words[i], i);

        var sections = new List<AnalogySection>();
        string name = "";
        int total = 0, seen = 0, add = 0, mul = 0, lineNumber = 0;
        string? line;
        while ((line = questions.ReadLine()) is not null)
        {
            lineNumber++;
            string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            if (words[0] == ":")
            {
                if (total > 0) sections.Add(new AnalogySection(name, total, seen, add, mul));
                name = string.Join(' ', words.Skip(1));
                total = seen = add = mul = 0;
                continue;
            }
            if (words.Length != 4) throw new InvalidDataException($"{source}:{lineNumber}: expected four words or ': section', found '{line.Trim()}'");
            total++;
            if (!index.TryGetValue(words[0], out int a) || !index.TryGetValue(words[1], out int b)
                || !index.TryGetValue(words[2], out int c) || !index.TryGetValue(words[3], out int d)) continue;
            seen++;
            if (Answer(vectors, a, b, c, AnalogyMethod.Add, known) == d) add++;
            if (Answer(vectors, a, b, c, AnalogyMethod.Mul, known) == d) mul++;
        }
        if (total > 0) sections.Add(new AnalogySection(name, total, seen, add, mul));
        return new AnalogyReport(sections, restrict);
    }

    private static int Answer(WordVectors vectors, int a, int b, int c, AnalogyMethod method, int known)
    {
        var best = NearestWords.Analogy(vectors, a, b, c, 1, method, known);
        return best.Count > 0 ? vectors.IndexOf(best[0].Word) : -1;
    }
}
