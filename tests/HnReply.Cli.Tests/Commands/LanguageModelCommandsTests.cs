using System.Text.Json;

namespace HnReply.Cli.Tests.Commands;

/// <summary>train ngram → suggest / complete / type / eval through the real executable, on a small plain-text corpus.</summary>
public class LanguageModelCommandsTests
{
    private static readonly string[] Sentences =
    [
        "the cat sat on the mat",
        "the dog sat on the rug",
        "a cat likes the mat",
        "the cat ate the fish",
        "a dog likes the rug",
    ];

    private static async Task<string> TrainAsync(TempFolder folder, params string[] extra)
    {
        File.WriteAllLines(folder.File("train.txt"), Enumerable.Range(0, 20).SelectMany(_ => Sentences));
        File.WriteAllLines(folder.File("valid.txt"), Sentences.Take(2));
        var run = await CliRunner.RunAsync(folder.Path, ["train", "ngram", "--out", "lm", "--order", "3", "--tokenizer", "whitespace",
            "--train", "train.txt", "--valid", "valid.txt", "--test", "valid.txt", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return folder.File("lm");
    }

    [Fact]
    public async Task TrainNGram_PlainTextFiles_WritesASelfDescribingModelDirectory()
    {
        using var folder = new TempFolder();

        string model = await TrainAsync(folder);

        foreach (string file in new[] { "model.json", "vocab.txt", "model.arpa", "model.bin" }) Assert.True(File.Exists(Path.Combine(model, file)), file);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "model.json"))).RootElement;
        Assert.Equal("hnreply-ngram/1", manifest.GetProperty("format").GetString());
        Assert.Equal(3, manifest.GetProperty("options").GetProperty("order").GetInt32());
        Assert.True(manifest.GetProperty("metrics").GetProperty("valid_ppl").GetDouble() is > 1 and < 5);
        Assert.StartsWith("\\data\\", File.ReadLines(Path.Combine(model, "model.arpa")).First(l => l.Length > 0));
    }

    [Fact]
    public async Task Suggest_AfterTrain_PrintsDesignJsonWithTheLikelyWordFirst()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, "suggest", "lm", "the cat sat on ", "-k", "3", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal("the cat sat on ", json.GetProperty("context").GetString());
        var first = json.GetProperty("suggestions")[0];
        Assert.Equal("the", first.GetProperty("text").GetString());
        Assert.True(first.GetProperty("probability").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Suggest_MidWord_CompletesTheWord()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, "suggest", "lm", "the d");

        Assert.StartsWith("dog\t", run.Stdout);
    }

    [Fact]
    public async Task Complete_Greedy_IsDeterministicAndStopsAtEndOfSentence()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder);

        var a = await CliRunner.RunAsync(folder.Path, "complete", "lm", "the dog", "--temperature", "0", "--words", "30");
        var b = await CliRunner.RunAsync(folder.Path, "complete", "lm", "the dog", "--temperature", "0", "--words", "30", "--json");

        Assert.Equal(0, a.ExitCode);
        var json = JsonDocument.Parse(b.Stdout).RootElement;
        Assert.Equal(a.Stdout.Trim(), json.GetProperty("text").GetString());
        Assert.True(json.GetProperty("ended").GetBoolean());
        Assert.StartsWith("the dog ", a.Stdout);
    }

    [Fact]
    public async Task Type_WithRedirectedInput_SuggestsAfterEachLine()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, ["type", "lm"], stdin: "the cat sat on \nthe d\n");

        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("the", lines[0]);
        Assert.StartsWith("dog", lines[1]);
    }

    [Fact]
    public async Task Eval_TextFile_PrintsOneJsonRowWithEveryDesignField()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder);

        var run = await CliRunner.RunAsync(folder.Path, "eval", "lm", "--text", "valid.txt", "--json", "--report", "report");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var row = Assert.Single(JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray());
        Assert.Equal("ngram", row.GetProperty("kind").GetString());
        Assert.Equal(14, row.GetProperty("tokens").GetInt64()); // 12 words + 2 </s>
        foreach (string key in new[] { "perplexity", "bits_per_char", "top1", "top3", "top5", "keystroke_savings" })
            Assert.InRange(row.GetProperty(key).GetDouble(), key == "perplexity" ? 1 : 0, key == "perplexity" ? 10 : 1);
        foreach (string file in new[] { "ladder.md", "ladder.json", "ladder.png" }) Assert.True(File.Exists(folder.File(Path.Combine("report", file))), file);
    }

    [Theory]
    [InlineData("suggest", "nowhere", "x")]
    [InlineData("eval", "nowhere", "--text", "valid.txt")]
    public async Task Commands_MissingModelDirectory_ExitOneWithOneLine(params string[] args)
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Path, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nowhere", Assert.Single(run.StderrLines));
    }

    [Fact]
    public async Task Suggest_ModelDirectoryOfAnotherKind_SaysWhatItIs()
    {
        using var folder = new TempFolder();
        string model = await TrainAsync(folder);
        File.WriteAllText(Path.Combine(model, "model.json"), File.ReadAllText(Path.Combine(model, "model.json")).Replace("hnreply-ngram/1", "hnreply-ngram/9", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(folder.Path, "suggest", "lm", "the");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("newer", Assert.Single(run.StderrLines));
    }
}
