using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Neural.Models;
using HnReply.Text;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply reply MODEL "parent text" [--title T] [-n N]</c>: answer a comment.</summary>
internal static class ReplyCommand
{
    private static readonly Argument<string> Model = new("MODEL") { Description = "Replier model directory (retrieval, reply)" };
    private static readonly Argument<string> Parent = new("parent") { Description = "The comment to reply to" };
    private static readonly Option<string?> Title = new("--title") { Description = "Title of the story the comment is under" };
    private static readonly Option<int> N = new("-n") { Description = "How many replies", DefaultValueFactory = _ => 1 };

    public static Command Create()
    {
        var command = new Command("reply", "Reply to a comment") { Model, Parent, Title, N };
        CommandAction.Set(command, (parse, _) =>
        {
            int n = parse.GetValue(N);
            if (n < 1) throw new ArgumentException($"-n must be at least 1, got {n}");
            string parent = UserText.Check(parse.GetValue(Parent)!, "parent");
            string? title = parse.GetValue(Title) is { } t ? UserText.Check(t, "--title") : null;
            using var loaded = ModelLoader.LoadReplier(parse.GetValue(Model)!);
            var replies = loaded.AsReplier().Reply(parent, title, n);
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
            return Task.FromResult(0);
        });
        return command;
    }
}
