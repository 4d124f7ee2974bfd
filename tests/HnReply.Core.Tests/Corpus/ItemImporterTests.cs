using System.IO.Compression;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Core.Tests.Corpus;

public class ItemImporterTests
{
    [Fact]
    public async Task ImportAsync_PlainAndGzipFilesWithBadLines_StoresTheRestAndReportsBytes()
    {
        using var temp = new TempStore();
        var items = SyntheticHn.Generate(stories: 20, meanCommentsPerStory: 10, seed: 8);
        var lines = items.Select(ItemJson.Write).ToList();
        lines.Insert(4, "{not json");
        string plain = Path.Combine(temp.Folder, "a.jsonl");
        string gzip = Path.Combine(temp.Folder, "b.jsonl.gz");
        int half = lines.Count / 2;
        await File.WriteAllLinesAsync(plain, lines.Take(half));
        await using (var gz = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gz))
        {
            foreach (string line in lines.Skip(half)) await writer.WriteLineAsync(line);
        }
        var reports = new List<ImportProgress>();

        var result = await new ItemImporter(temp.Store, batchSize: 37).ImportAsync([plain, gzip], ItemFileFormat.Auto, new SyncProgress<ImportProgress>(reports.Add));

        Assert.Equal(items.Count, result.Read);
        Assert.Equal(items.Count, result.Stored);
        Assert.Equal(1, result.ErrorCount);
        Assert.Equal(5, Assert.Single(result.Errors).Line);
        Assert.Equal(items.Count, temp.Store.ItemCount);
        Assert.True(reports.Count > 3);
        Assert.Equal(new FileInfo(plain).Length + new FileInfo(gzip).Length, reports[^1].TotalBytes);
        Assert.Equal(reports[^1].TotalBytes, reports[^1].BytesRead);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesRead <= p.Second.BytesRead));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondImportSkipsEverything()
    {
        using var temp = new TempStore();
        var items = SyntheticHn.Generate(stories: 5, meanCommentsPerStory: 5, seed: 9);
        string file = Path.Combine(temp.Folder, "a.jsonl");
        await File.WriteAllLinesAsync(file, items.Select(ItemJson.Write));
        var importer = new ItemImporter(temp.Store);

        await importer.ImportAsync([file], ItemFileFormat.Auto);
        var again = await importer.ImportAsync([file], ItemFileFormat.Auto);

        Assert.Equal((0L, (long)items.Count), (again.Stored, again.Skipped));
    }
}
