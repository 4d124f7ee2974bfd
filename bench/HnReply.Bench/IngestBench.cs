using System.Diagnostics;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Bench;

/// <summary>
/// Ingest rate from JSON lines: synthetic HN items are written to a temp file, the parse and clean
/// phases are timed alone, then a fresh child process imports the file into a new store, so its
/// peak memory is the import's own.
/// </summary>
internal static class IngestBench
{
    public static async Task<int> RunAsync(int target)
    {
        string folder = Directory.CreateTempSubdirectory("hnreply-bench-").FullName;
        try
        {
            string dump = Path.Combine(folder, "items.jsonl");
            await File.WriteAllLinesAsync(dump, SyntheticHn.Generate(Math.Max(1, target / 30), meanCommentsPerStory: 29, seed: 1).Select(ItemJson.Write));

            var phase = Stopwatch.StartNew();
            var parsed = ItemFiles.Read(dump, ItemFileFormat.Jsonl).Where(r => r.Item is not null).Select(r => r.Item!).ToList();
            double parseSeconds = phase.Elapsed.TotalSeconds;
            phase.Restart();
            foreach (var item in parsed) HtmlText.ToPlainText(item.Text);
            double cleanSeconds = phase.Elapsed.TotalSeconds;
            Console.WriteLine($"ingest phases: parse {parsed.Count / parseSeconds:N0} items/s, clean {parsed.Count / cleanSeconds:N0} items/s (one thread each)");

            var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [Environment.GetCommandLineArgs()[0], "ingest-file", dump]))!;
            await child.WaitForExitAsync();
            return child.ExitCode;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<int> ImportFileAsync(string dump)
    {
        string store = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dump))!, "bench.duckdb");
        File.Delete(store);
        using var corpus = CorpusStore.Open(store);
        var clock = Stopwatch.StartNew();
        var result = await new ItemImporter(corpus).ImportAsync([dump], ItemFileFormat.Auto);
        clock.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"ingest: {result.Read:N0} items ({new FileInfo(dump).Length / 1e6:N0} MB) in {clock.Elapsed.TotalSeconds:F2} s = " +
                          $"{result.Read / clock.Elapsed.TotalSeconds:N0} items/s; peak working set {self.PeakWorkingSet64 / 1e6:N0} MB");
        return 0;
    }
}
