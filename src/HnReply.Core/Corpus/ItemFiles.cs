using System.IO.Compression;
using System.Text;

namespace HnReply.Corpus;

/// <summary>
/// Streams items out of dump files: JSON lines of API items (<see cref="JsonLinesItemReader"/>) or
/// CSV exports of BigQuery's <c>hacker_news.full</c> table (<see cref="BigQueryCsvItemReader"/>),
/// plain or gzip-compressed (recognised by its magic bytes, whatever the file is called).
/// Files are read sequentially and never held in memory whole. A bad line or row becomes an
/// <see cref="ItemReadResult"/> with an error and reading goes on; only a file that cannot be read
/// at all (missing, unknown format, a CSV without an <c>id</c> column) throws.
/// </summary>
public static class ItemFiles
{
    private const int SniffBytes = 4096;

    /// <summary>
    /// By extension (.jsonl, .ndjson, .json, .csv, each optionally followed by .gz); otherwise by
    /// content: a first non-blank character '{' means JSON lines, a first line with an <c>id</c>
    /// column name means CSV. Throws <see cref="FormatException"/> naming the file when neither fits.
    /// </summary>
    public static ItemFileFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal)) name = name[..^3];
        return Path.GetExtension(name) switch
        {
            ".jsonl" or ".ndjson" or ".json" => ItemFileFormat.Jsonl,
            ".csv" => ItemFileFormat.Csv,
            _ => Sniff(path),
        };
    }

    /// <summary>
    /// Reads items lazily, in file order. Throws <see cref="FileNotFoundException"/> at once for a
    /// missing file; other whole-file problems surface when enumeration starts.
    /// <paramref name="filePosition"/>, when given, hears the byte position in the file as it is read.
    /// </summary>
    public static IEnumerable<ItemReadResult> Read(
        string path, ItemFileFormat format = ItemFileFormat.Auto, Action<long>? filePosition = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        return (format == ItemFileFormat.Auto ? Detect(path) : format) switch
        {
            ItemFileFormat.Jsonl => JsonLinesItemReader.Read(path, filePosition, cancellationToken),
            ItemFileFormat.Csv => BigQueryCsvItemReader.Read(path, filePosition, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown item file format"),
        };
    }

    /// <summary>Opens a file for sequential reading, decompressing it when it starts with gzip's magic bytes.</summary>
    internal static Stream OpenRead(string path, Action<long>? filePosition = null)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var isGzip = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == 2
                && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            Stream source = filePosition is null ? file : new PositionReportingStream(file, filePosition);
            return isGzip ? new GZipStream(source, CompressionMode.Decompress) : source;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The error text for a gzip stream that fails mid-file; items before it were kept.</summary>
    internal static string CorruptCompression(InvalidDataException e) =>
        $"reading stopped: the compressed data is corrupt ({e.Message})";

    private static ItemFileFormat Sniff(string path)
    {
        var head = new byte[SniffBytes];
        int length;
        using (var stream = OpenRead(path))
        {
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        var text = Encoding.UTF8.GetString(head, 0, length).TrimStart('\uFEFF').TrimStart();
        if (text.StartsWith('{')) return ItemFileFormat.Jsonl;
        var firstLine = text.Split('\n', 2)[0];
        if (firstLine.Split(',').Any(column => column.Trim().Trim('"').Equals("id", StringComparison.OrdinalIgnoreCase)))
        {
            return ItemFileFormat.Csv;
        }
        throw new FormatException(
            $"{path}: cannot tell the item format: expected a .jsonl, .ndjson, .json or .csv name (optionally .gz), "
            + "JSON lines starting with '{', or a CSV header with an 'id' column");
    }
}
