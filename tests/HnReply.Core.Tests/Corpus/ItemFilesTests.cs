using System.Text;
using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

// Format detection, compression, encodings and whole-file problems, through the public entry point.
public sealed class ItemFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // "items 1 2 | errors 5": ids and error lines in file order, comparable as one value.
    private static string Summarise(IEnumerable<ItemReadResult> results)
    {
        var list = results.ToList();
        return $"items {string.Join(' ', list.Where(r => r.Item is not null).Select(r => r.Item!.Id))}"
            + $" | errors {string.Join(' ', list.Where(r => r.Error is not null).Select(r => r.Error!.Line))}";
    }

    [Theory]
    [InlineData("dump.jsonl", ItemFileFormat.Jsonl)]
    [InlineData("dump.ndjson", ItemFileFormat.Jsonl)]
    [InlineData("dump.json", ItemFileFormat.Jsonl)]
    [InlineData("/data/HN.JSONL.GZ", ItemFileFormat.Jsonl)]
    [InlineData("full.csv", ItemFileFormat.Csv)]
    [InlineData("full.csv.gz", ItemFileFormat.Csv)]
    public void Detect_KnownExtension_GivesFormatWithoutOpeningTheFile(string path, ItemFileFormat expected)
    {
        Assert.Equal(expected, ItemFiles.Detect(path));
    }

    [Fact]
    public void Detect_UnknownExtension_SniffsJsonAfterBomAndBlanks()
    {
        var path = _dir.Write("dump.txt", "\uFEFF\n  \n{\"id\":1}\n");

        Assert.Equal(ItemFileFormat.Jsonl, ItemFiles.Detect(path));
    }

    [Fact]
    public void Detect_UnknownExtension_SniffsCsvHeaderWithIdColumn()
    {
        var path = _dir.Write("export", "\"title\",\"id\",\"text\"\nx,1,y\n");

        Assert.Equal(ItemFileFormat.Csv, ItemFiles.Detect(path));
    }

    [Fact]
    public void Detect_GzipWithoutExtension_SniffsTheDecompressedText()
    {
        var path = _dir.Write("dump.bin", TempDirectory.Gzip(Encoding.UTF8.GetBytes("{\"id\":1}\n")));

        Assert.Equal(ItemFileFormat.Jsonl, ItemFiles.Detect(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("just some words\n")]
    public void Detect_UnrecognisableContent_ThrowsNamingTheFile(string content)
    {
        var path = _dir.Write("mystery.dat", content);

        var e = Assert.Throws<FormatException>(() => ItemFiles.Detect(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Read_GzipJsonlWithPlainName_IsRecognisedByMagicBytes()
    {
        var plain = File.ReadAllBytes(TempDirectory.Fixture("items.jsonl"));
        var path = _dir.Write("items.jsonl", TempDirectory.Gzip(plain));

        Assert.Equal("items 1 15 17 19 20 21 23 25 | errors 5 7 10 12 14 16 17 18", Summarise(ItemFiles.Read(path)));
    }

    [Fact]
    public void Read_GzipCsv_GivesTheSameResultsAsPlain()
    {
        var plain = File.ReadAllBytes(TempDirectory.Fixture("items.csv"));
        var path = _dir.Write("items.csv.gz", TempDirectory.Gzip(plain));

        Assert.Equal("items 1 15 17 19 20 22 24 26 | errors 6 7 10 15 17", Summarise(ItemFiles.Read(path)));
    }

    [Fact]
    public void Read_PlainFileNamedGz_IsReadAsPlain()
    {
        var path = _dir.Write("not-really.jsonl.gz", "{\"id\":3}\n");

        Assert.Equal("items 3 | errors ", Summarise(ItemFiles.Read(path)));
    }

    [Fact]
    public void Read_ConcatenatedGzipMembers_ReadsEveryMember()
    {
        byte[] content = [.. TempDirectory.Gzip("{\"id\":1}\n"u8.ToArray()), .. TempDirectory.Gzip("{\"id\":2}\n"u8.ToArray())];
        var path = _dir.Write("parts.jsonl.gz", content);

        Assert.Equal("items 1 2 | errors ", Summarise(ItemFiles.Read(path)));
    }

    [Fact]
    public void Read_TruncatedGzip_KeepsEarlierItemsAndEndsWithAnError()
    {
        var lines = string.Concat(Enumerable.Range(1, 2000).Select(i => $"{{\"id\":{i},\"text\":\"comment number {i}\"}}\n"));
        var gzip = TempDirectory.Gzip(Encoding.UTF8.GetBytes(lines));
        var path = _dir.Write("cut.jsonl.gz", gzip[..(gzip.Length / 2)]);

        var results = ItemFiles.Read(path).ToList();

        Assert.InRange(results.Count(r => r.Item is not null), 1, 1999);
        Assert.NotNull(results[^1].Error);
    }

    [Theory]
    [InlineData("bad.jsonl.gz")]
    [InlineData("bad.csv.gz")]
    public void Read_CorruptGzip_KeepsEarlierItemsAndEndsWithAnError(string name)
    {
        var lines = "id,text\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"{i},comment {i * 7919 % 104729}\n"));
        if (name.Contains(".jsonl", StringComparison.Ordinal))
        {
            lines = string.Concat(Enumerable.Range(1, 5000).Select(i => $"{{\"id\":{i},\"text\":\"comment {i * 7919 % 104729}\"}}\n"));
        }
        var gzip = TempDirectory.Gzip(Encoding.UTF8.GetBytes(lines));
        for (var i = gzip.Length / 2; i < gzip.Length / 2 + 64; i++) gzip[i] = 0xFF;
        var path = _dir.Write(name, gzip);

        var results = ItemFiles.Read(path).ToList();

        Assert.InRange(results.Count(r => r.Item is not null), 1, 4999);
        Assert.Contains("corrupt", results[^1].Error?.Message);
    }

    [Fact]
    public void Read_BomAndCrLf_AreHandledInBothFormats()
    {
        var jsonl = _dir.Write("bom.jsonl", "\uFEFF{\"id\":1,\"text\":\"a\"}\r\n\r\n{\"id\":2}\r\n");
        var csv = _dir.Write("bom.csv", "\uFEFFid,text\r\n1,a\r\n2,\"b\r\nc\"\r\n");

        Assert.Equal("items 1 2 | errors ", Summarise(ItemFiles.Read(jsonl)));
        Assert.Equal("items 1 2 | errors ", Summarise(ItemFiles.Read(csv)));
        Assert.Equal("b\r\nc", ItemFiles.Read(csv).Last().Item!.Text);
        Assert.Equal("a", ItemFiles.Read(jsonl).First().Item!.Text);
    }

    [Fact]
    public void Read_ExplicitFormat_OverridesTheExtension()
    {
        var path = _dir.Write("items.csv", "{\"id\":9}\n");

        Assert.Equal("items 9 | errors ", Summarise(ItemFiles.Read(path, ItemFileFormat.Jsonl)));
    }

    [Fact]
    public void Read_InvalidJson_ErrorSaysSo()
    {
        var path = _dir.Write("junk.jsonl", "{\"id\":1}\nthis is not json\n");

        var error = ItemFiles.Read(path).Select(r => r.Error).Single(e => e is not null);

        Assert.Equal(2, error!.Line);
        Assert.Contains("invalid JSON", error.Message);
    }

    [Theory]
    [InlineData("empty.jsonl")]
    [InlineData("empty.csv")]
    public void Read_EmptyFile_GivesNothing(string name)
    {
        Assert.Empty(ItemFiles.Read(_dir.Write(name, "")));
    }

    [Fact]
    public void Read_MissingFile_ThrowsAtOnce()
    {
        var path = Path.Combine(_dir.Root, "absent.jsonl");

        var e = Assert.Throws<FileNotFoundException>(() => ItemFiles.Read(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Read_CancelledToken_StopsTheEnumeration()
    {
        var path = _dir.Write("many.jsonl", string.Concat(Enumerable.Range(1, 100).Select(i => $"{{\"id\":{i}}}\n")));
        using var cancellation = new CancellationTokenSource();
        var read = 0;

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in ItemFiles.Read(path, cancellationToken: cancellation.Token))
            {
                if (++read == 10) cancellation.Cancel();
            }
        });
        Assert.Equal(10, read);
    }
}
