using System.CommandLine;
using System.Globalization;
using HnReply.Cli.Output;
using HnReply.Neural.Models;
using HnReply.Word2Vec;
using Spectre.Console;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply word2vec nearest|analogy|eval MODEL ...</c>: queries over trained vectors. MODEL is a
/// word2vec model directory or a bare vector file (word2vec binary or text, fastText .vec).
/// </summary>
internal static class Word2VecCommand
{
    public static readonly Argument<string> Model = new("MODEL") { Description = "A word2vec model directory, or a .bin/.txt/.vec vector file" };

    private static readonly Option<int> K = new("-k", "--top") { Description = "How many words to show", DefaultValueFactory = _ => 10 };

    public static Command Create()
    {
        var command = new Command("word2vec", "Similar words, analogies and accuracy of word vectors");
        command.Subcommands.Add(CreateNearest());
        command.Subcommands.Add(CreateAnalogy());
        command.Subcommands.Add(Word2VecEvalCommand.Create());
        return command;
    }

    private static Command CreateNearest()
    {
        var word = new Argument<string>("WORD") { Description = "The word to look up (exact spelling)" };
        var command = new Command("nearest", "The words with the most similar vectors (cosine)") { Model, word, K };
        CommandAction.Set(command, (parse, _) =>
        {
            using var loaded = ModelLoader.LoadWordVectors(parse.GetValue(Model)!);
            var vectors = loaded.AsWordVectors();
            string query = parse.GetValue(word)!;
            var nearest = NearestWords.Nearest(vectors, query, Positive(parse.GetValue(K)));
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(new { word = query, neighbours = Json(nearest) });
            else Print($"nearest to '{query}'", ("cosine", nearest));
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command CreateAnalogy()
    {
        var a = new Argument<string>("A") { Description = "A is to B ..." };
        var b = new Argument<string>("B");
        var c = new Argument<string>("C") { Description = "... as C is to ?" };
        var command = new Command("analogy", "A is to B as C is to ?, answered by 3CosAdd and by 3CosMul") { Model, a, b, c, K };
        CommandAction.Set(command, (parse, _) =>
        {
            using var loaded = ModelLoader.LoadWordVectors(parse.GetValue(Model)!);
            var vectors = loaded.AsWordVectors();
            string wa = parse.GetValue(a)!, wb = parse.GetValue(b)!, wc = parse.GetValue(c)!;
            int k = Positive(parse.GetValue(K));
            var add = NearestWords.Analogy(vectors, wa, wb, wc, k, AnalogyMethod.Add);
            var mul = NearestWords.Analogy(vectors, wa, wb, wc, k, AnalogyMethod.Mul);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(new { question = new[] { wa, wb, wc }, add = Json(add), mul = Json(mul) });
            else Print($"'{wa}' is to '{wb}' as '{wc}' is to ?", ("3CosAdd", add), ("3CosMul", mul));
            return Task.FromResult(0);
        });
        return command;
    }

    internal static int Positive(int k) => k > 0 ? k : throw new ArgumentException($"-k must be 1 or more, got {k}");

    private static object[] Json(IReadOnlyList<WordSimilarity> words) =>
        [.. words.Select(w => new { word = w.Word, similarity = Math.Round(w.Similarity, 6) })];

    private static void Print(string title, params (string Score, IReadOnlyList<WordSimilarity> Words)[] columns)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.AddColumn("#");
        foreach (var (score, _) in columns) table.AddColumn("word").AddColumn(new TableColumn(score).RightAligned());
        int rows = columns.Max(c => c.Words.Count);
        for (int r = 0; r < rows; r++)
        {
            var cells = new List<string> { (r + 1).ToString(CultureInfo.InvariantCulture) };
            foreach (var (_, words) in columns)
            {
                cells.Add(r < words.Count ? Markup.Escape(words[r].Word) : "");
                cells.Add(r < words.Count ? words[r].Similarity.ToString("F4", CultureInfo.InvariantCulture) : "");
            }
            table.AddRow([.. cells]);
        }
        AnsiConsole.Console.Write(table);
    }
}
