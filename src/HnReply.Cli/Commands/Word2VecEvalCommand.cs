using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Neural.Models;
using HnReply.Word2Vec;
using Spectre.Console;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply word2vec eval MODEL --analogies FILE [--restrict N] [--similarity FILE]</c>: analogy
/// accuracy per section and overall, with compute-accuracy's restriction and coverage, and Spearman's
/// ρ on a word-similarity set.
/// </summary>
internal static class Word2VecEvalCommand
{
    private static readonly Option<string?> Analogies = new("--analogies") { Description = "Analogy questions in questions-words.txt format (': section' lines, then 'a b c d')" };
    private static readonly Option<int> Restrict = new("--restrict")
    {
        Description = "Only the N most frequent words exist for the analogies, as compute-accuracy's threshold; 0 = all",
        DefaultValueFactory = _ => 30_000,
    };
    private static readonly Option<string?> Similarity = new("--similarity") { Description = "Word pairs with human scores, 'word1 word2 score' per line (WordSim-353, SimLex-999 style)" };

    public static Command Create()
    {
        var command = new Command("eval", "Analogy accuracy (3CosAdd and 3CosMul) and word-similarity correlation") { Word2VecCommand.Model, Analogies, Restrict, Similarity };
        CommandAction.Set(command, (parse, _) =>
        {
            string? analogies = parse.GetValue(Analogies), similarity = parse.GetValue(Similarity);
            if (analogies is null && similarity is null) throw new ArgumentException("give --analogies FILE, --similarity FILE or both");
            int restrict = parse.GetValue(Restrict);
            if (restrict < 0) throw new ArgumentException($"--restrict must be 0 or more, got {restrict}");
            string model = parse.GetValue(Word2VecCommand.Model)!;
            using var loaded = ModelLoader.LoadWordVectors(model);
            var vectors = loaded.AsWordVectors();
            var analogyReport = analogies is null ? null : Evaluate(analogies, reader => AnalogyEvaluation.Evaluate(vectors, reader, restrict, analogies));
            var similarityReport = similarity is null ? null : Evaluate(similarity, reader => SimilarityEvaluation.Evaluate(vectors, reader, similarity));
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(Json(model, analogyReport, similarityReport));
            else Print(analogyReport, similarityReport);
            return Task.FromResult(0);
        });
        return command;
    }

    private static T Evaluate<T>(string path, Func<TextReader, T> evaluate)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        using var reader = File.OpenText(path);
        return evaluate(reader);
    }

    private static object Json(string model, AnalogyReport? analogies, SimilarityReport? similarity) => new
    {
        model,
        analogies = analogies is null ? null : new
        {
            restrict = analogies.Restrict,
            questions = analogies.Questions,
            seen = analogies.Seen,
            coverage = analogies.Coverage,
            accuracy_add = analogies.AccuracyAdd,
            accuracy_mul = analogies.AccuracyMul,
            sections = analogies.Sections.Select(s => new
            {
                name = s.Name, questions = s.Questions, seen = s.Seen,
                correct_add = s.CorrectAdd, correct_mul = s.CorrectMul, accuracy_add = s.AccuracyAdd, accuracy_mul = s.AccuracyMul,
            }),
        },
        similarity = similarity is null ? null : new
        {
            pairs = similarity.Pairs,
            found = similarity.Found,
            coverage = similarity.Coverage,
            spearman = double.IsFinite(similarity.Spearman) ? similarity.Spearman : (double?)null,
        },
    };

    private static void Print(AnalogyReport? analogies, SimilarityReport? similarity)
    {
        var console = AnsiConsole.Console;
        if (analogies is not null)
        {
            var table = new Table().AddColumns("section", "questions", "seen", "3CosAdd", "3CosMul");
            foreach (var s in analogies.Sections)
                table.AddRow(Markup.Escape(s.Name), $"{s.Questions:N0}", $"{s.Seen:N0}", $"{s.AccuracyAdd:P2}", $"{s.AccuracyMul:P2}");
            table.AddRow("[bold]all[/]", $"{analogies.Questions:N0}", $"{analogies.Seen:N0}", $"[bold]{analogies.AccuracyAdd:P2}[/]", $"[bold]{analogies.AccuracyMul:P2}[/]");
            console.Write(table);
            string restricted = analogies.Restrict > 0 ? $"the {analogies.Restrict:N0} most frequent words" : "all words";
            console.MarkupLine($"questions seen / total: {analogies.Seen:N0} / {analogies.Questions:N0} = {analogies.Coverage:P2} coverage ({Markup.Escape(restricted)})");
        }
        if (similarity is not null)
            console.MarkupLine($"similarity: Spearman ρ = {similarity.Spearman:F4} over {similarity.Found:N0} of {similarity.Pairs:N0} pairs ({similarity.Coverage:P2} coverage)");
    }
}
