using System.Text.Json;

namespace HnReply.Cli.Tests.Commands;

/// <summary>train lstm → suggest / eval / resume through the real executable, with tiny sizes on CPU.</summary>
public class LstmCommandsTests
{
    private static readonly string[] Tiny = ["--embedding", "16", "--hidden", "16", "--layers", "1", "--bptt", "5", "--batch-size", "4", "--epochs", "3", "--threads", "1"];

    private static void WriteCorpus(TempFolder folder)
    {
        string[] sentences = ["the cat sat on the mat", "the dog sat on the rug", "a cat likes the mat", "a dog likes the rug"];
        File.WriteAllLines(folder.File("train.txt"), Enumerable.Range(0, 30).SelectMany(_ => sentences));
        File.WriteAllLines(folder.File("valid.txt"), sentences);
    }

    [Fact]
    public async Task TrainLstm_ThenSuggestAndEval_TakeTheModelLikeAnNGram()
    {
        using var folder = new TempFolder();
        WriteCorpus(folder);

        var train = await CliRunner.RunAsync(folder.Path, ["train", "lstm", "--out", "lstm", "--tokenizer", "whitespace", "--train", "train.txt", "--valid", "valid.txt", "--test", "valid.txt", "--json", .. Tiny]);
        var suggest = await CliRunner.RunAsync(folder.Path, "suggest", "lstm", "the cat sat on ", "--json");
        var eval = await CliRunner.RunAsync(folder.Path, "eval", "lstm", "--text", "valid.txt", "--json");

        Assert.True(train.ExitCode == 0, train.Stderr);
        var metrics = JsonDocument.Parse(train.Stdout).RootElement;
        Assert.True(metrics.GetProperty("test_ppl").GetDouble() < 12, train.Stdout);
        foreach (string file in new[] { "model.json", "vocab.txt", "weights.dat", "metrics.jsonl", "loss.png" }) Assert.True(File.Exists(folder.File(Path.Combine("lstm", file))), file);
        Assert.Equal(3, File.ReadAllLines(folder.File("lstm/metrics.jsonl")).Length);
        Assert.True(suggest.ExitCode == 0, suggest.Stderr);
        Assert.Equal(5, JsonDocument.Parse(suggest.Stdout).RootElement.GetProperty("suggestions").GetArrayLength());
        var row = Assert.Single(JsonDocument.Parse(eval.Stdout).RootElement.EnumerateArray());
        Assert.Equal("lstm", row.GetProperty("kind").GetString());
        Assert.Equal(26, row.GetProperty("tokens").GetInt64()); // 22 words + 4 </s>
        // One scoring convention: train's test perplexity and eval's on the same file agree within 0.5 %
        Assert.InRange(metrics.GetProperty("test_ppl").GetDouble() / row.GetProperty("perplexity").GetDouble(), 0.995, 1.005);
        Assert.False(Directory.Exists(folder.File("lstm.training")));
    }

    [Fact]
    public async Task TrainLstm_BadOptions_ReportsEveryProblemOnOneLine()
    {
        using var folder = new TempFolder();
        WriteCorpus(folder);

        var run = await CliRunner.RunAsync(folder.Path, "train", "lstm", "--out", "x", "--train", "train.txt", "--dropout", "1.5", "--bptt", "0");

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        Assert.Contains("--dropout", line);
        Assert.Contains("--bptt", line);
    }

    [Fact]
    public async Task TrainLstm_ConfigFileUnderFlags_FlagsWin()
    {
        using var folder = new TempFolder();
        WriteCorpus(folder);
        File.WriteAllText(folder.File("config.json"), """{"hidden": 24, "embedding": 24, "epochs": 1, "layers": 1}""");

        var run = await CliRunner.RunAsync(folder.Path, ["train", "lstm", "--out", "lstm", "--config", "config.json", "--train", "train.txt", "--tokenizer", "whitespace", "--epochs", "2", "--threads", "1", "--batch-size", "4", "--bptt", "5"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var options = JsonDocument.Parse(File.ReadAllText(folder.File("lstm/model.json"))).RootElement.GetProperty("options");
        Assert.Equal(24, options.GetProperty("hidden_size").GetInt32());
        Assert.Equal(2, options.GetProperty("epochs").GetInt32());
    }

    [Fact]
    public async Task TrainLstm_Interrupted_SaysHowToResumeAndResumeRefusesOtherFlags()
    {
        using var folder = new TempFolder();
        WriteCorpus(folder);
        string[] args = ["train", "lstm", "--out", "lstm", "--tokenizer", "whitespace", "--train", "train.txt", "--valid", "valid.txt",
                         "--bptt", "5", "--batch-size", "4", "--epochs", "500", "--patience", "0", "--threads", "1", "--checkpoint-every", "1"];

        var interrupted = await CliRunner.RunUntilInterruptedAsync(folder.Path, [.. args, "--embedding", "16", "--hidden", "16"],
                                                                   () => Directory.Exists(folder.File("lstm.training/checkpoint")));
        var other = await CliRunner.RunAsync(folder.Path, [.. args, "--hidden", "24", "--embedding", "24", "--resume"]);

        Assert.Equal(1, interrupted.ExitCode);
        string message = interrupted.StderrLines[^1];
        Assert.Contains("continue with: hnreply train lstm --out lstm", message);
        Assert.EndsWith("--resume", message);
        Assert.False(Directory.Exists(folder.File("lstm")));
        Assert.Equal(1, other.ExitCode);
        string refusal = Assert.Single(other.StderrLines, l => l.StartsWith("hnreply:", StringComparison.Ordinal));
        Assert.Contains("options.hidden_size was 16, now 24", refusal);
        Assert.Contains("options.embedding_size was 16, now 24", refusal);
    }

    [Fact]
    public async Task TrainLstm_TiedWeightsAndWord2VecOfAnotherSize_ReportsInsteadOfChangingHidden()
    {
        using var folder = new TempFolder();
        WriteCorpus(folder);
        var w2v = await CliRunner.RunAsync(folder.Path, "train", "word2vec", "--out", "w2v", "--train", "train.txt", "--size", "8", "--min-count", "1", "--iter", "1", "--threads", "1");
        Assert.True(w2v.ExitCode == 0, w2v.Stderr);

        var run = await CliRunner.RunAsync(folder.Path, "train", "lstm", "--out", "lstm", "--train", "train.txt", "--init-embeddings", "w2v", "--hidden", "16", "--threads", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--hidden 8", Assert.Single(run.StderrLines, l => l.StartsWith("hnreply:", StringComparison.Ordinal)));
    }
}
