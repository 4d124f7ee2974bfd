using System.CommandLine;
using HnReply.Corpus;

namespace HnReply.Cli;

/// <summary>Options every command takes (DESIGN.md's command-line contract).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Store = new("--store")
    {
        Description = "DuckDB file that holds the corpus",
        DefaultValueFactory = _ => "hn.duckdb",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable output on stdout",
        Recursive = true,
    };

    public static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed for everything random (sampling, initialisation, shuffling)",
        DefaultValueFactory = _ => 1,
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Store);
        root.Options.Add(Json);
        root.Options.Add(Seed);
    }

    public static CorpusStore OpenStore(ParseResult parse) => CorpusStore.Open(parse.GetValue(Store)!);
}
