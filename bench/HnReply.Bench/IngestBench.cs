using System.Diagnostics;
using HnReply.Corpus;
using HnReply.Testing;

namespace HnReply.Bench;

/// <summary>Ingest rate from JSON lines: synthetic HN items written to a temp file, then <see cref="ItemImporter"/> into a fresh store.</summary>
internal static class IngestBench
{
    public static async Task<int> RunAsync(int target)
    {
        string folder = Directory.CreateTempSubdirectory("hnreply-bench-").FullName;
        try
        {
            int stories = Math.Max(1, target / 30);
            var items = SyntheticHn.Generate(stories, meanCommentsPerStory: 29, seed: 1);
            string dump = Path.Combine(folder, "items.jsonl");
            await File.WriteAllLinesAsync(dump, items.Select(ItemJson.Write));
            long bytes = new FileInfo(dump).Length;
            items = null;
            GC.Collect();

            using var store = CorpusStore.Open(Path.Combine(folder, "hn.duckdb"));
            var clock = Stopwatch.StartNew();
            var result = await new ItemImporter(store).ImportAsync([dump], ItemFileFormat.Jsonl);
            clock.Stop();
            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"ingest: {result.Read:N0} items ({bytes / 1e6:N0} MB JSONL) in {clock.Elapsed.TotalSeconds:F2} s = " +
                              $"{result.Read / clock.Elapsed.TotalSeconds:N0} items/s; peak working set {self.PeakWorkingSet64 / 1e6:N0} MB");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
