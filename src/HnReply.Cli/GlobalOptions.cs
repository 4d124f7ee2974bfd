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

    /// <summary>Opens the store, creating it if needed: only for the commands that fill it (fetch, ingest).</summary>
    public static CorpusStore OpenOrCreateStore(ParseResult parse) => CorpusStore.Open(parse.GetValue(Store)!);

    /// <summary>Opens a store that must exist: commands that only read never leave an empty store (or folders) behind a typo.</summary>
    public static CorpusStore OpenStore(ParseResult parse)
    {
        string path = parse.GetValue(Store)!;
        if (Directory.Exists(path)) throw new IOException($"{path}: is a directory, not a store");
        if (!File.Exists(path)) throw new FileNotFoundException($"no such store: {path}; create it with 'hnreply fetch' or 'hnreply ingest', or pass --store");
        return CorpusStore.Open(path);
    }

    /// <summary>
    /// What a command reads from <paramref name="file"/> when a flag named one, else from the store (which must exist),
    /// with where it came from: the file, or the store's path and, when given, <paramref name="split"/>.
    /// </summary>
    public static (List<T> Items, string Source) FileOrStore<T>(ParseResult parse, string? file, Func<string, IEnumerable<T>> fromFile,
                                                                 Func<CorpusStore, IEnumerable<T>> fromStore, string? split = null)
    {
        if (file is not null) return (fromFile(file).ToList(), file);
        using var store = OpenStore(parse);
        return (fromStore(store).ToList(), split is null ? store.Path : $"{store.Path}, {split} split");
    }
}
