using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Corpus;
using HnReply.Neural.Models;
using HnReply.Text;
using HnReply.Neural.Reply;
using HnReply.Prediction;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply reply MODEL "parent text" [--title T] [-n N] [--beam K | --top-p P]</c>: answer a
/// comment, or a real one by <c>--item ID</c>. A reply model writes candidates (beam search or
/// sampling), optionally joined by a retrieval model's (<c>--retrieval DIR</c>: the hybrid), reranks
/// them (MMI with <c>--lm DIR</c>) and drops near-duplicates. Nothing to say is one line on stderr.
/// </summary>
internal static class ReplyCommand
{
    private static readonly ReplyRequest D = new();
    private static readonly Argument<string> Model = new("MODEL") { Description = "Replier model directory (retrieval, reply, hybrid)" };
    private static readonly Argument<string?> Parent = new("parent") { Description = "The comment to reply to (or --item ID)", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Title = new("--title") { Description = "Title of the story the comment is under" };
    private static readonly Option<long?> ItemId = new("--item") { Description = "Answer this HN item: read from the store, or through --api when given" };
    private static readonly Option<string?> Api = new("--api") { Description = "HN API (or compatible server) to read --item from, e.g. https://hacker-news.firebaseio.com/v0" };
    private static readonly Option<int> N = new("-n") { Description = "How many replies", DefaultValueFactory = _ => 1 };
    private static readonly Option<int?> Beam = new("--beam") { Description = $"Beam width, 1 = greedy (reply models; default {D.Beam})" };
    private static readonly Option<double?> TopP = new("--top-p") { Description = "Sample with nucleus top-p instead of beam search" };
    private static readonly Option<int?> TopK = new("--top-k") { Description = "Sample from the K most likely tokens instead of beam search" };
    private static readonly Option<double?> Temperature = new("--temperature") { Description = $"Sampling temperature (default {D.Sampling.Temperature})" };
    internal static readonly Option<double?> RepetitionPenalty = new("--repetition-penalty") { Description = "Divide the probability of tokens already written by this, in beam search and sampling (default 1 = off)" };
    private static readonly Option<int?> NoRepeat = new("--no-repeat") { Description = $"No n-gram of this size twice in a reply, 0 = off (default {D.NoRepeatNGram})" };
    private static readonly Option<double?> LengthPenalty = new("--length-penalty") { Description = $"Length normalisation exponent α (default {D.LengthPenalty})" };
    private static readonly Option<int?> MinTokens = new("--min-tokens") { Description = $"Shortest reply in tokens (default {D.MinTokens})" };
    private static readonly Option<int?> MaxTokens = new("--max-tokens") { Description = $"Longest reply in tokens (default {D.MaxTokens})" };
    internal static readonly Option<string?> Lm = new("--lm") { Description = "Language model directory for MMI reranking: log p(r|c) − λ·log p(r) (Li et al. 2016); default: the LM a reply model trained with --freeze-lm holds" };
    internal static readonly Option<int?> AntiLm = new("--anti-lm")
    {
        Description = "Beam search subtracts λ (--mmi-lambda) times the held LM's log p(t | prefix) from the first N tokens' scores (MMI-antiLM, Li et al. 2016); " +
                      $"0 = off (default {ReplyRequest.DefaultAntiLanguageModelTokens} with a reply model trained with --freeze-lm, else 0)",
    };
    internal static readonly Option<double> MmiLambda = new("--mmi-lambda") { Description = "λ of the MMI score, with --lm or the LM a reply model trained with --freeze-lm holds (0: rank by log p(r|c))", DefaultValueFactory = _ => D.MmiLambda };
    internal static readonly Option<string?> Retrieval = new("--retrieval") { Description = "Retrieval model directory whose replies join the candidates (the hybrid replier)" };

    public static Command Create()
    {
        var command = new Command("reply", "Reply to a comment")
        {
            Model, Parent, Title, ItemId, Api, N, Beam, TopP, TopK, Temperature, RepetitionPenalty, NoRepeat, LengthPenalty, MinTokens, MaxTokens, Lm, MmiLambda, AntiLm, Retrieval,
        };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(N);
            if (n < 1) throw new ArgumentException($"-n must be at least 1, got {n}");
            var (parent, title) = await Target(parse, cancellationToken).ConfigureAwait(false);
            using var loaded = ModelLoader.LoadReplier(parse.GetValue(Model)!);
            using var extras = NeuralExtras.Open(parse, loaded, Request(parse) with { Count = n });
            IReadOnlyList<GeneratedReply> replies;
            if (extras.Replier is { } neural)
            {
                var request = neural.Defaults;
                request.Validate();
                var found = new List<GeneratedReply>();
                await foreach (var piece in neural.StreamReplies(parent, title, request, cancellationToken).ConfigureAwait(false))
                    if (piece is ReplyPiece.Candidate candidate) found.Add(candidate.Reply);
                replies = found;
            }
            else
            {
                if (parse.GetValue(Lm) is not null || parse.GetValue(Retrieval) is not null)
                    throw new ArgumentException($"--lm and --retrieval go with a reply model; {parse.GetValue(Model)} is a {loaded.Kind} model");
                replies = loaded.AsReplier().Reply(parent, title, n);
            }
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(new
                {
                    replies = replies.Select(r => new { text = r.Text, score = r.Score, story_id = r.StoryId, reply_id = r.ReplyId }),
                });
            }
            else
            {
                foreach (var r in replies)
                {
                    string source = r.ReplyId is { } id ? $"  (item {id})" : "";
                    Console.Out.WriteLine($"[{r.Score:F2}]{source}\n{r.Text}\n");
                }
            }
            if (replies.Count == 0) Console.Error.WriteLine("hnreply: no reply: the model found nothing to answer this text with");
            return 0;
        });
        return command;
    }

    /// <summary>The decoding flags as a request (sampling when --top-p or --top-k is given).</summary>
    internal static ReplyRequest Request(ParseResult parse)
    {
        bool sample = parse.GetValue(TopP) is not null || parse.GetValue(TopK) is not null;
        if (sample && parse.GetValue(Beam) is not null) throw new ArgumentException("--beam searches, --top-p/--top-k sample: give one or the other");
        return D with
        {
            Beam = sample ? 0 : parse.GetValue(Beam) ?? D.Beam,
            Sampling = D.Sampling with
            {
                TopP = parse.GetValue(TopP) ?? D.Sampling.TopP,
                TopK = parse.GetValue(TopK) ?? D.Sampling.TopK,
                Temperature = parse.GetValue(Temperature) ?? D.Sampling.Temperature,
                RepetitionPenalty = parse.GetValue(RepetitionPenalty) ?? D.Sampling.RepetitionPenalty,
            },
            NoRepeatNGram = parse.GetValue(NoRepeat) ?? D.NoRepeatNGram,
            LengthPenalty = parse.GetValue(LengthPenalty) ?? D.LengthPenalty,
            MinTokens = parse.GetValue(MinTokens) ?? D.MinTokens,
            MaxTokens = parse.GetValue(MaxTokens) ?? D.MaxTokens,
            MmiLambda = parse.GetValue(MmiLambda),
            AntiLanguageModelTokens = parse.GetValue(AntiLm),
            Seed = parse.GetValue(GlobalOptions.Seed),
        };
    }

    private static async Task<(string Parent, string? Title)> Target(ParseResult parse, CancellationToken cancellationToken)
    {
        string? text = parse.GetValue(Parent);
        if (parse.GetValue(ItemId) is not { } id)
        {
            if (text is null) throw new ArgumentException("give the comment to reply to, or --item ID");
            return (UserText.Check(text, "parent"), parse.GetValue(Title) is { } t ? UserText.Check(t, "--title") : null);
        }
        if (text is not null) throw new ArgumentException("give the comment's text or --item ID, not both");
        if (parse.GetValue(Api) is { } api)
        {
            using var client = new HnApiClient(new HnApiOptions { BaseUri = FetchCommand.ParseApi(api) });
            return await ReplyTarget.ResolveAsync(id, i => client.GetItemAsync(i, cancellationToken)).ConfigureAwait(false);
        }
        using var store = GlobalOptions.OpenStore(parse);
        return await ReplyTarget.ResolveAsync(id, i => Task.FromResult(store.Get(i))).ConfigureAwait(false);
    }
}
