using HnReply.Bench;

// Benchmarks print one result line each; bench/README.md records them with the command and machine.
string which = args.Length > 0 ? args[0] : "";
return which switch
{
    "ingest" => await IngestBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000),
    "ingest-file" when args.Length > 1 => await IngestBench.ImportFileAsync(args[1]),
    "crawl" => await CrawlBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64),
    "fake-api" => await ServeFakeApiAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200),
    "ngram" => NGramBench.Run(args[1..]),
    "word2vec" => Word2VecBench.Run(args[1..]),
    "lstm" => LstmBench.Run(args[1..]),
    "lstm-vocab" => LstmVocabularyBench.Run(args[1..]),
    "lstm-eval" when args.Length > 2 => LstmEvalBench.Run(args[1..]),
    "serve-load" => await ServeLoadBench.RunAsync(args[1..]),
    "reply" when args.Length > 2 => ReplyBench.Run(args[1..]),
    _ => Usage(),
};

// A fake HN API on 127.0.0.1 for trying the CLI by hand (e.g. `hnreply quickstart --api URL`); Ctrl+C stops it.
static async Task<int> ServeFakeApiAsync(int stories)
{
    var items = HnReply.Synthetic.SyntheticHn.Generate(stories, meanCommentsPerStory: 25, seed: 1);
    await using var api = await HnReply.Synthetic.FakeHnApi.StartAsync(items);
    Console.WriteLine($"fake HN API with {items.Count:N0} items at {api.BaseUri}");
    var stop = new TaskCompletionSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
    await stop.Task;
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: HnReply.Bench ingest [ITEMS] | ingest-file FILE | crawl [ITEMS] [CONCURRENCY] | fake-api [STORIES] | ngram [WORDS] [TEXT_DIR] [--vary] [--order N] | word2vec ... | lstm [STEPS] [THREADS] | lstm-vocab [STEPS] [ROUNDS] [THREADS] | lstm-eval MODEL TEXT [THREADS] | serve-load URL --model NAME [--replier NAME] ... | reply MODEL PAIRS [COUNT] [THREADS]");
    return 1;
}
