using System.Text;
using System.Text.Json;
using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

// Big comments and many lines: everything arrives, and reading streams instead of loading the file.
public sealed class ItemFilesLargeInputTests : IDisposable
{
    private const int ManyLines = 100_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string LongComment()
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < 1 << 20; i++) sb.Append("Paragraph ").Append(i).Append(" says &quot;hi&quot;, 日本語 😀.<p>");
        return sb.ToString();
    }

    private static string ManyCommentLines() => string.Concat(Enumerable.Range(1, ManyLines).Select(i =>
        $"{{\"by\":\"user{i % 997}\",\"id\":{i},\"parent\":{Math.Max(1, i / 3)},\"text\":\"Comment {i} with &#x27;entities&#x27; and <i>tags</i>.\",\"time\":{1_600_000_000 + i},\"type\":\"comment\"}}\n"));

    [Fact]
    public void Read_JsonlCommentOfOneMegabyte_KeepsEveryCharacter()
    {
        var text = LongComment();
        var path = _dir.Write("long.jsonl", $"{{\"id\":1,\"type\":\"comment\",\"text\":{JsonSerializer.Serialize(text)}}}\n{{\"id\":2}}\n");

        var items = ItemFiles.Read(path).Select(r => r.Item!).ToList();

        Assert.Equal([1L, 2L], items.Select(i => i.Id));
        Assert.Equal(text, items[0].Text);
    }

    [Fact]
    public void Read_GzipCsvCommentOfOneMegabyte_KeepsEveryCharacter()
    {
        var text = LongComment().Replace("<p>", "\n", StringComparison.Ordinal);
        var csv = $"id,type,text\n1,comment,\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n2,comment,short\n";
        var path = _dir.Write("long.csv.gz", TempDirectory.Gzip(Encoding.UTF8.GetBytes(csv)));

        var items = ItemFiles.Read(path).Select(r => r.Item!).ToList();

        Assert.Equal([1L, 2L], items.Select(i => i.Id));
        Assert.Equal(text, items[0].Text);
    }

    [Fact]
    public void Read_HundredThousandGzipLines_ReadsEveryItemInOrder()
    {
        var path = _dir.Write("many.jsonl.gz", TempDirectory.Gzip(Encoding.UTF8.GetBytes(ManyCommentLines())));

        var count = 0L;
        foreach (var result in ItemFiles.Read(path))
        {
            Assert.Equal(++count, result.Item?.Id);
        }

        Assert.Equal(ManyLines, count);
    }

    [Fact]
    public void Read_FirstItemsOfABigFile_ReadOnlyTheStartOfIt()
    {
        var path = _dir.Write("many.jsonl", ManyCommentLines());
        var fileBytes = new FileInfo(path).Length;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = ItemFiles.Read(path).Take(10).Select(r => r.Item!.Id).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), first);
        Assert.True(allocated < fileBytes / 20, $"allocated {allocated} bytes to read 10 items of a {fileBytes}-byte file");
    }
}
