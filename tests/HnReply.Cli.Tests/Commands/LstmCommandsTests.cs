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
        // eval's token-by-token perplexity and training's batched one (whose columns start cold) agree within 2%
        Assert.InRange(metrics.GetProperty("test_ppl").GetDouble() / row.GetProperty("perplexity").GetDouble(), 0.98, 1.02);
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
}
