using System.Diagnostics;
using System.Threading.Channels;

namespace HnReply.Corpus;

/// <summary>
/// Crawls the HN API into a <see cref="CorpusStore"/>. Fetchers run concurrently; one writer owns
/// the store. The writer stores a batch <em>before</em> it queues that batch's kids, so whatever a
/// kill interrupts is either stored or reachable from stored items: the next run's
/// <see cref="CorpusStore.Frontier"/> picks up exactly what is left, with no refetching and no
/// duplicates (upserts are keyed by id).
/// </summary>
public sealed class Crawler(HnApiClient client, CorpusStore store, CrawlOptions options)
{
    private sealed record Fetched(long Id, Item? Item, string? Error);

    public async Task<CrawlResult> RunAsync(CrawlRequest request, IProgress<CrawlProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        request.Validate();
        var clock = Stopwatch.StartNew();
        var (initial, roots) = await PlanAsync(request, cancellationToken).ConfigureAwait(false);

        var work = Channel.CreateUnbounded<long>();
        var results = Channel.CreateUnbounded<Fetched>(new UnboundedChannelOptions { SingleReader = true });
        var seen = new HashSet<long>(initial);
        foreach (long id in initial) work.Writer.TryWrite(id);
        long pending = initial.Count;
        if (pending == 0) work.Writer.Complete();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetchers = Parallel.ForEachAsync(
            work.Reader.ReadAllAsync(stop.Token),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = stop.Token },
            async (id, token) => results.Writer.TryWrite(await FetchAsync(id, token).ConfigureAwait(false)));
        // A fetcher that faults (a bug, not an API error: those become Fetched.Error) stops every fetcher;
        // closing the results with its exception wakes the writer below, which would otherwise wait forever.
        _ = fetchers.ContinueWith(t => results.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);

        long read = 0, stored = 0, skipped = 0, missing = 0, errors = 0, expected = pending;
        var samples = new List<string>();
        var batch = new List<Fetched>(options.BatchSize);
        try
        {
            while (pending > 0 && await results.Reader.WaitToReadAsync(stop.Token).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < options.BatchSize && results.Reader.TryRead(out var fetched)) batch.Add(fetched);

                var (written, unchanged, nulls) = Store(batch);
                read += written + unchanged;
                stored += written;
                skipped += unchanged + nulls;
                missing += nulls;
                foreach (var failed in batch.Where(f => f.Error is not null))
                {
                    errors++;
                    if (samples.Count < 5) samples.Add(failed.Error!);
                }

                if (request.WalksTrees)
                {
                    expected += batch.Where(f => f.Item is { } i && roots.Contains(i.Id)).Sum(f => (long)(f.Item!.Descendants ?? 0));
                    foreach (long kid in NextIds(batch).Where(seen.Add)) { work.Writer.TryWrite(kid); pending++; }
                }
                pending -= batch.Count;
                expected = Math.Max(expected, read + missing + errors + pending);
                progress?.Report(new CrawlProgress(read, stored, missing, errors, client.Retries, pending, expected, clock.Elapsed));
            }
        }
        finally
        {
            work.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            try { await fetchers.ConfigureAwait(false); } catch (OperationCanceledException) { }
            results.Writer.TryComplete();
            // A cancelled crawl still keeps what was already fetched: store it before returning.
            batch.Clear();
            while (results.Reader.TryRead(out var fetched)) batch.Add(fetched);
            Store(batch);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new CrawlResult(read, stored, skipped, missing, errors, samples, clock.Elapsed);
    }

    private async Task<(IReadOnlyList<long> Ids, HashSet<long> Roots)> PlanAsync(CrawlRequest request, CancellationToken cancellationToken)
    {
        switch (request.Mode)
        {
            case CrawlMode.Top or CrawlMode.New:
                var list = request.Mode == CrawlMode.Top
                    ? await client.GetTopStoriesAsync(cancellationToken).ConfigureAwait(false)
                    : await client.GetNewStoriesAsync(cancellationToken).ConfigureAwait(false);
                var roots = list.Take(request.Count).ToHashSet();
                return (store.Frontier(roots), roots);
            case CrawlMode.Latest:
                long max = await client.GetMaxItemAsync(cancellationToken).ConfigureAwait(false);
                return (store.UnknownInRange(Math.Max(1, max - request.Count + 1), max), []);
            default:
                return (store.UnknownInRange(request.From, request.To), []);
        }
    }

    // Kids still to fetch. A kid that is already stored (say, from an earlier --range crawl) is not
    // fetched again, but its own subtree is walked through the store.
    private IEnumerable<long> NextIds(List<Fetched> batch)
    {
        var kids = batch.Where(f => f.Item is not null).SelectMany(f => f.Item!.Kids).Distinct().ToList();
        var unknown = store.Unknown(kids);
        return unknown.Count == kids.Count ? unknown : store.Frontier(kids);
    }

    private async Task<Fetched> FetchAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            return new Fetched(id, await client.GetItemAsync(id, cancellationToken).ConfigureAwait(false), null);
        }
        catch (HnApiException e)
        {
            return new Fetched(id, null, e.Message);
        }
    }

    private (long Written, long Unchanged, long Nulls) Store(List<Fetched> batch)
    {
        if (batch.Count == 0) return default;
        var items = batch.Where(f => f.Item is not null).Select(f => f.Item!).ToList();
        var nulls = batch.Where(f => f.Item is null && f.Error is null).Select(f => f.Id).ToList();
        var result = store.Upsert(items);
        store.MarkMissing(nulls);
        return (result.Written, result.Unchanged, nulls.Count);
    }
}
