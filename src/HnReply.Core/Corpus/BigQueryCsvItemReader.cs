using CsvHelper;

namespace HnReply.Corpus;

/// <summary>
/// Reads a CSV export of BigQuery's <c>bigquery-public-data.hacker_news.full</c>
/// (<c>title,url,text,dead,by,score,time,timestamp,type,id,parent,descendants,ranking,deleted</c>).
/// Columns are matched by header name in any order; only <c>id</c> is required (its absence is a
/// <see cref="FormatException"/> naming the file). Quoted fields may span lines. A bad row (bad
/// quoting, a wrong number of fields, a field that does not parse) gives an error at the line where
/// the row starts and reading goes on. An empty file gives nothing.
/// </summary>
internal static class BigQueryCsvItemReader
{
    // Bounds the memory an unclosed quote can make the reader buffer while it looks for the end.
    internal const int MaxRecordBytes = 16 << 20;

    public static IEnumerable<ItemReadResult> Read(string path, Action<long>? filePosition = null, CancellationToken cancellationToken = default)
    {
        var malformed = new Queue<ReadError>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = record => malformed.Enqueue(new ReadError(path, record.LineNumber, Describe(record.Reason))),
        };
        using var csv = CsvReader.Create(ItemFiles.OpenRead(path, filePosition), options, leaveOpen: false);
        var columns = ReadHeader(csv, path);
        if (columns is null) yield break;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fatal = TryAdvance(csv, path, out var more);
            // Rows skipped as malformed lie before the row Read stopped on, so they go first.
            while (malformed.TryDequeue(out var error)) yield return new ItemReadResult(null, error);
            if (fatal is not null)
            {
                yield return new ItemReadResult(null, fatal);
                yield break;
            }
            if (!more) yield break;
            yield return columns.ToResult(csv, path);
        }
    }

    private static BigQueryCsvColumns? ReadHeader(CsvReader csv, string path)
    {
        try
        {
            return csv.Headers.Count == 0 ? null : BigQueryCsvColumns.From(csv, path);
        }
        catch (CsvFormatException e)
        {
            throw new FormatException($"{path}: the CSV header cannot be read: {e.Message}", e);
        }
    }

    // Reading can fail past recovery: a record larger than the limit (an unclosed quote) or a
    // corrupt gzip stream. That ends the file with one error, at the line CsvHelper names, else
    // just after the start of the last row read.
    private static ReadError? TryAdvance(CsvReader csv, string path, out bool more)
    {
        var lastLine = csv.LineNumber;
        try
        {
            more = csv.Read();
            return null;
        }
        catch (CsvFormatException e)
        {
            more = false;
            return new ReadError(path, e.LineNumber > 0 ? e.LineNumber : lastLine + 1, $"reading stopped: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            more = false;
            return new ReadError(path, lastLine + 1, ItemFiles.CorruptCompression(e));
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "bad quoting: a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "bad quoting: text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "bad quoting: a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "bad quoting: a line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => $"malformed row ({reason})",
    };
}
