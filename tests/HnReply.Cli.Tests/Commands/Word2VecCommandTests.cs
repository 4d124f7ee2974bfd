using System.Text;
using System.Text.Json;

namespace HnReply.Cli.Tests.Commands;

public class Word2VecCommandTests(Word2VecCommandTests.TrainedModel trained) : IClassFixture<Word2VecCommandTests.TrainedModel>
{
    /// <summary>Trains one small model through the real executable, shared by the query tests.</summary>
    public sealed class TrainedModel : IDisposable
    {
        private readonly TempFolder folder = new();

        public TrainedModel()
        {
            // Three groups of synonyms "c w c", each framed by its own context words: with --window 1
            // the synonyms share contexts and never meet, so each one's neighbours are its group.
            var random = new Random(11);
            var text = new StringBuilder();
            for (int s = 0; s < 3000; s++)
            {
                int g = random.Next(3);
                text.Append($"g{g}c{random.Next(6)} g{g}w{random.Next(3)} g{g}c{random.Next(6)}\n");
            }
            System.IO.File.WriteAllText(File("train.txt"), text.ToString());
            Train = CliRunner.RunAsync(Path, "train", "word2vec", "--train", "train.txt", "--tokenizer", "whitespace", "--out", "model",
                "--cbow", "0", "--size", "16", "--window", "1", "--min-count", "1", "--iter", "5", "--threads", "1", "--sample", "0", "--json").GetAwaiter().GetResult();
        }

        public string Path => folder.Path;

        public string File(string name) => folder.File(name);

        public CliResult Train { get; }

        public string Model => File("model");

        public void Dispose() => folder.Dispose();
    }

    [Fact]
    public void TrainWord2Vec_SmallFile_WritesASelfDescribingModel()
    {
        Assert.True(trained.Train.ExitCode == 0, trained.Train.Stderr);
        var json = JsonDocument.Parse(trained.Train.Stdout).RootElement;
        Assert.Equal(1 + 3 * 3 + 3 * 6, json.GetProperty("vocabulary_size").GetInt32()); // </s>, 3 × 3 synonyms, 3 × 6 context words
        Assert.True(json.GetProperty("words_per_sec").GetDouble() > 0);
        Assert.Equal(5, json.GetProperty("epochs").GetArrayLength());
        Assert.InRange(json.GetProperty("loss").GetDouble(), 0.01, Math.Log(2));
        foreach (string file in new[] { "model.json", "vocab.txt", "vectors.bin", "metrics.jsonl" })
            Assert.True(File.Exists(Path.Combine(trained.Model, file)), file);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(trained.Model, "model.json"))).RootElement;
        Assert.Equal("hnreply-word2vec/1", manifest.GetProperty("format").GetString());
        Assert.Equal("skip_gram", manifest.GetProperty("options").GetProperty("architecture").GetString());
        Assert.Equal("whitespace-c", manifest.GetProperty("tokenizer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Eval_Word2VecModel_SaysWhatEvalScoresInOneLine()
    {
        var run = await CliRunner.RunAsync(trained.Path, "eval", trained.Model, "--text", "train.txt");

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        Assert.Contains(trained.Model, line);
        Assert.Contains("eval scores language models", line);
        Assert.Contains("word2vec eval", line);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Nearest_Synonym_ListsItsGroupFirst()
    {
        var run = await CliRunner.RunAsync(trained.Path, "word2vec", "nearest", trained.Model, "g1w0", "-k", "2", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var neighbours = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("neighbours").EnumerateArray()
            .Select(n => n.GetProperty("word").GetString()).ToArray();
        Assert.Equal(["g1w1", "g1w2"], neighbours.Order());
    }

    [Fact]
    public async Task Analogy_ThreeWords_AnswersByBothMethods()
    {
        var run = await CliRunner.RunAsync(trained.Path, "word2vec", "analogy", trained.Model, "g0w0", "g0w1", "g2w0", "-k", "3", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(3, json.GetProperty("add").GetArrayLength());
        Assert.Equal(3, json.GetProperty("mul").GetArrayLength());
        var words = json.GetProperty("add").EnumerateArray().Select(w => w.GetProperty("word").GetString()).ToArray();
        Assert.DoesNotContain("g0w0", words);
        Assert.DoesNotContain("g2w0", words);
    }

    [Fact]
    public async Task Eval_AnalogiesWithRestrict_CountsCoverageAsComputeAccuracy()
    {
        // "g0w0 g0w1 g1w0 g1w1" asks within known words; a question with an unknown word is skipped
        File.WriteAllText(trained.File("questions.txt"), ": synonyms\ng0w0 g0w1 g1w0 g1w1\ng0w0 G0W1 g2w0 g2w1\nG0W0 g0w1 zebra g2w1\n");
        File.WriteAllText(trained.File("pairs.txt"), "g0w0 g0w1 10\ng0w0 g1w0 1\ng1w1 g1w2 9\ng2w0 g0c0 2\n");

        var run = await CliRunner.RunAsync(trained.Path, "word2vec", "eval", trained.Model, "--analogies", "questions.txt",
            "--similarity", "pairs.txt", "--restrict", "0", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        var analogies = json.GetProperty("analogies");
        Assert.Equal(3, analogies.GetProperty("questions").GetInt32());
        Assert.Equal(2, analogies.GetProperty("seen").GetInt32());
        Assert.Equal("synonyms", analogies.GetProperty("sections")[0].GetProperty("name").GetString());
        var similarity = json.GetProperty("similarity");
        Assert.Equal(4, similarity.GetProperty("found").GetInt32());
        Assert.True(similarity.GetProperty("spearman").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Nearest_BadModelDirectory_ExitsOneWithOneLine()
    {
        Directory.CreateDirectory(trained.File("empty"));

        var run = await CliRunner.RunAsync(trained.Path, "word2vec", "nearest", "empty", "g0w0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("model.json: missing", Assert.Single(run.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nearest_TruncatedVectorFile_ExitsOneNamingFileAndProblem()
    {
        byte[] vectors = File.ReadAllBytes(Path.Combine(trained.Model, "vectors.bin"));
        File.WriteAllBytes(trained.File("cut.bin"), vectors[..(vectors.Length - 10)]);

        var run = await CliRunner.RunAsync(trained.Path, "word2vec", "nearest", "cut.bin", "g0w0");

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        Assert.Contains("cut.bin: truncated", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainWord2Vec_BadFlags_ReportsEveryProblemOnOneLine()
    {
        var run = await CliRunner.RunAsync(trained.Path, "train", "word2vec", "--train", "train.txt", "--out", "bad", "--cbow", "2", "--size", "0");

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        Assert.Contains("--cbow must be 0 or 1", line, StringComparison.Ordinal);
        Assert.Contains("size must be", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(trained.File("bad")));
    }

    [Fact]
    public async Task TrainWord2Vec_ConfigThenFlags_FlagsWinAndModelRecordsBoth()
    {
        File.WriteAllText(trained.File("w2v.json"), """{ "architecture": "skip_gram", "size": 12, "min_count": 1, "iterations": 1 }""");
        File.WriteAllText(trained.File("typo.json"), """{ "sizes": 12 }""");

        var run = await CliRunner.RunAsync(trained.Path, "train", "word2vec", "--train", "train.txt", "--out", "configured", "--config", "w2v.json", "--size", "10");
        var typo = await CliRunner.RunAsync(trained.Path, "train", "word2vec", "--train", "train.txt", "--out", "typo", "--config", "typo.json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var options = JsonDocument.Parse(File.ReadAllText(Path.Combine(trained.File("configured"), "model.json"))).RootElement.GetProperty("options");
        Assert.Equal("skip_gram", options.GetProperty("architecture").GetString());
        Assert.Equal(10, options.GetProperty("size").GetInt32());
        Assert.Equal(1, options.GetProperty("iterations").GetInt32());
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("typo.json: not a word2vec config", Assert.Single(typo.StderrLines), StringComparison.Ordinal);
    }
}
