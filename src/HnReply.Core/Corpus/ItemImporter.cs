using System.Diagnostics;
using System.Threading.Channels;

namespace HnReply.Corpus;

/// <summary>
/// Streams dump files into a <see cref="CorpusStore"/>: one task parses, the caller's task writes
/// batches, so parsing and DuckDB overlap on two cores and memory stays at two batches whatever
/// the file size. Bad lines are counted and kept for the report; the good lines around them are stored.
/// </summary>
public sealed class ItemImporter(CorpusStore store, int batchSize = 50_000)
{
    private const int ErrorsKept = 100;

    public async Task<ImportResult> ImportAsync(IReadOnlyList<string> files, ItemFileFormat format, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var batches = Channel.CreateBounded<List<Item>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var errors = new List<ReadError>();
        long errorCount = 0, read = 0, stored = 0, skipped = 0, bytesBefore = 0, position = 0;
        long totalBytes = files.Sum(f => new FileInfo(f).Length);

        var reader = Task.Run(async () =>
        {
            try
            {
                var batch = new List<Item>(batchSize);
                foreach (string file in files)
                {
                    foreach (var result in ItemFiles.Read(file, format, p => Volatile.Write(ref position, bytesBefore + p), cancellationToken))
                    {
                        if (result.Item is { } item) batch.Add(item);
                        else if (Interlocked.Increment(ref errorCount) <= ErrorsKept) lock (errors) errors.Add(result.Error!);
                        if (batch.Count < batchSize) continue;
                        await batches.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                        batch = new List<Item>(batchSize);
                    }
                    bytesBefore += new FileInfo(file).Length;
                }
                if (batch.Count > 0) await batches.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, cancellationToken);

        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = store.Upsert(batch);
            read += batch.Count;
            stored += result.Written;
            skipped += batch.Count - result.Written;
            progress?.Report(new ImportProgress(read, stored, Interlocked.Read(ref errorCount), Volatile.Read(ref position), totalBytes));
        }
        await reader.ConfigureAwait(false);
        lock (errors) return new ImportResult(read, stored, skipped, errorCount, errors.ToList(), clock.Elapsed);
    }
}
