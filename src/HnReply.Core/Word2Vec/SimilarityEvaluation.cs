using System.Globalization;

namespace HnReply.Word2Vec;

/// <summary>
/// Scores a word-similarity set (WordSim-353, SimLex-999, MEN style: lines "word1 word2 score",
/// separated by spaces or tabs; blank and '#' lines and a header line are skipped) by Spearman's
/// rank correlation between the human scores and the vectors' cosine similarities. Words match
/// case-insensitively; pairs with an unknown word are left out and counted against coverage.
/// </summary>
public static class SimilarityEvaluation
{
    public static SimilarityReport Evaluate(WordVectors vectors, TextReader pairs, string source = "pairs")
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(pairs);
        var index = new Dictionary<string, int>(vectors.Count, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < vectors.Count; i++) index.TryAdd(vectors.Words[i], i);
        var human = new List<double>();
        var model = new List<double>();
        int total = 0, lineNumber = 0;
        string? line;
        while ((line = pairs.ReadLine()) is not null)
        {
            lineNumber++;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            bool parsed = fields.Length >= 3 && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            if (!parsed && lineNumber == 1) continue;
            if (!parsed || fields.Length != 3) throw new InvalidDataException($"{source}:{lineNumber}: expected 'word1 word2 score', found '{line.Trim()}'");
            total++;
            if (!index.TryGetValue(fields[0], out int a) || !index.TryGetValue(fields[1], out int b)) continue;
            human.Add(double.Parse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture));
            model.Add(vectors.Cosine(a, b));
        }
        return new SimilarityReport(total, human.Count, SpearmanCorrelation.Rho(human, model));
    }
}
