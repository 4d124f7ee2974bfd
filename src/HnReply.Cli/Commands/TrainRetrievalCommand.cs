using System.CommandLine;
using System.Text.Json.Nodes;
using HnReply.Corpus;
using HnReply.Models;
using HnReply.Retrieval;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply train retrieval</c>: rung 0 for replies, a BM25 index over the training pairs.</summary>
internal static class TrainRetrievalCommand
{
    private static readonly Option<string?> Pairs = new("--pairs") { Description = "JSONL of pairs (as `hnreply export pairs` writes); default: the store's train split" };

    public static Command Create()
    {
        var command = new Command("retrieval", "Build the BM25 retrieval replier over training (parent, reply) pairs") { TrainCommand.Out, Pairs };
        SplitFlags.AddTo(command);
        CommandAction.Set(command, (parse, _) =>
        {
            string output = parse.GetValue(TrainCommand.Out)!;
            var (pairs, source) = GlobalOptions.FileOrStore(parse, parse.GetValue(Pairs), ReplyPairFile.Read, store => store.Pairs(SplitFlags.Read(parse), Split.Train));
            if (pairs.Count == 0) throw new ArgumentException($"{source}: no training pairs; fetch or ingest some threads first");
            var replier = new RetrievalReplier(pairs);
            replier.Save(output, new ModelManifest
            {
                Format = RetrievalReplier.FormatTag,
                Tokenizer = ModelDirectory.ToJsonObject(RetrievalReplier.Tokenization),
                Data = new JsonObject { ["source"] = source, ["pairs"] = pairs.Count },
            });
            Console.Out.WriteLine($"wrote {output}: BM25 over {pairs.Count:N0} training pairs");
            return Task.FromResult(0);
        });
        return command;
    }
}
