using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Neural.Models;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply complete MODEL "text"</c>: continue a text (greedy at temperature 0, else sampled with --seed).</summary>
internal static class CompleteCommand
{
    private static readonly SamplingOptions Defaults = new();
    private static readonly Argument<string> Text = new("text") { Description = "The beginning to continue" };
    private static readonly Option<int> Words = new("--words") { Description = "Most words to add (stops early at the end of a comment)", DefaultValueFactory = _ => 20 };
    private static readonly Option<double> Temperature = new("--temperature") { Description = "0 = greedy; 1 = the model's distribution", DefaultValueFactory = _ => Defaults.Temperature };
    private static readonly Option<int> TopK = new("--top-k") { Description = "Sample among the K most likely tokens only (0 = all)", DefaultValueFactory = _ => Defaults.TopK };
    private static readonly Option<double> TopP = new("--top-p") { Description = "Sample within the smallest set of tokens holding this much probability", DefaultValueFactory = _ => Defaults.TopP };
    private static readonly Option<double> Repetition = new("--repetition-penalty") { Description = "Divide the probability of tokens already used by this (1 = off)", DefaultValueFactory = _ => Defaults.RepetitionPenalty };

    public static Command Create()
    {
        var command = new Command("complete", "Continue a text with a language model")
        {
            SuggestCommand.Model, Text, Words, Temperature, TopK, TopP, Repetition,
        };
        CommandAction.Set(command, (parse, _) =>
        {
            int words = parse.GetValue(Words);
            if (words < 1) throw new ArgumentException($"--words must be at least 1, got {words}");
            var sampling = new SamplingOptions
            {
                Temperature = parse.GetValue(Temperature),
                TopK = parse.GetValue(TopK),
                TopP = parse.GetValue(TopP),
                RepetitionPenalty = parse.GetValue(Repetition),
            };
            sampling.Validate();
            string text = UserText.Check(parse.GetValue(Text)!, "text");
            using var loaded = ModelLoader.LoadLanguageModel(parse.GetValue(SuggestCommand.Model)!);
            var model = loaded.AsLanguageModel();
            var completion = new TypingSession(model).Complete(text, words, sampling, new Random(parse.GetValue(GlobalOptions.Seed)));
            if (parse.GetValue(GlobalOptions.Json))
                JsonOutput.Write(new { prompt = text, continuation = completion.Continuation, text = text + completion.Continuation, ended = completion.Ended });
            else
                Console.Out.WriteLine(text + completion.Continuation);
            if (completion.Continuation.Length == 0)
                Console.Error.WriteLine("hnreply: nothing added: the model ended the text right away (its most likely next token is the end of the comment)");
            return Task.FromResult(0);
        });
        return command;
    }
}
