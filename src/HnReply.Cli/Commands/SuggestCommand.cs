using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Neural.Models;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply suggest MODEL "text" [-k 5]</c>: the next words, or completions of the word being typed.</summary>
internal static class SuggestCommand
{
    public static readonly Argument<string> Model = new("MODEL") { Description = "Language model directory (ngram, lstm, mix)" };
    private static readonly Argument<string> Text = new("text") { Description = "What has been typed so far; ending mid-word asks for completions of that word" };
    private static readonly Option<int> K = new("-k") { Description = "How many suggestions", DefaultValueFactory = _ => 5 };

    public static Command Create()
    {
        var command = new Command("suggest", "Suggest the next words for a text, or complete the word being typed") { Model, Text, K };
        CommandAction.Set(command, (parse, _) =>
        {
            int k = parse.GetValue(K);
            if (k < 1) throw new ArgumentException($"-k must be at least 1, got {k}");
            string text = UserText.Check(parse.GetValue(Text)!, "text");
            using var loaded = ModelLoader.LoadLanguageModel(parse.GetValue(Model)!);
            var model = loaded.AsLanguageModel();
            var suggestions = new TypingSession(model).Suggest(text, k);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(new { context = text, suggestions = suggestions.Select(s => new { text = s.Text, probability = s.Probability }) });
            }
            else
            {
                foreach (var s in suggestions) Console.Out.WriteLine($"{s.Text}\t{s.Probability:F4}");
            }
            if (suggestions.Count == 0) Console.Error.WriteLine("hnreply: no suggestions: the model has no word to offer after this text");
            return Task.FromResult(0);
        });
        return command;
    }
}
