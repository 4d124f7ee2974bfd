using HnReply.Bench;

// Benchmarks print one result line each; bench/README.md records them with the command and machine.
string which = args.Length > 0 ? args[0] : "";
return which switch
{
    "ingest" => await IngestBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000),
    "crawl" => await CrawlBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64),
    "word2vec" => Word2VecBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HnReply.Bench ingest [ITEMS] | crawl [ITEMS] [CONCURRENCY]");
    return 1;
}
