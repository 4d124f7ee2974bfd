using System.Text.Json;

namespace HnReply.Cli.Tests.Commands;

/// <summary>train ngram (orders 2 and 3) → train mix → eval / suggest, through the real executable on small synthetic text.</summary>
public class MixCommandsTests
{
    private static readonly string[][] Topics =
    [
        ["rust", "cargo", "the compiler", "unsafe code", "traits"],
        ["postgres", "sqlite", "indexes", "the planner", "migrations"],
        ["founders", "investors", "revenue", "hiring", "pricing"],
    ];

    private static readonly string[] Adjectives = ["fast", "slow", "cheap", "simple", "painful", "elegant"];

    private static readonly string[] Sentences =
    [
        "I think {0} is {2} for {1} .", "We switched from {0} to {1} and it was {2} .", "The problem with {0} is {1} .",
        "Have you tried {0} ? It is {2} .", "{0} and {1} solve different problems .",
    ];

    private static string Document(Random random)
    {
        var topic = Topics[random.Next(Topics.Length)];
        return string.Join(' ', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => string.Format(null, Sentences[random.Next(Sentences.Length)],
            topic[random.Next(topic.Length)], topic[random.Next(topic.Length)], Adjectives[random.Next(Adjectives.Length)])));
    }

    private static async Task TrainAsync(TempFolder folder, string name, params string[] args)
    {
        var run = await CliRunner.RunAsync(folder.Path, ["train", .. args, "--out", Path.Combine("models", name)]);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    private static async Task<TempFolder> TrainMixtureAsync()
    {
        var folder = new TempFolder();
        var random = new Random(5);
        File.WriteAllLines(folder.File("train.txt"), Enumerable.Range(0, 300).Select(_ => Document(random)));
        File.WriteAllLines(folder.File("valid.txt"), Enumerable.Range(0, 40).Select(_ => Document(random)));
        foreach (string order in new[] { "2", "3" })
            await TrainAsync(folder, $"ngram{order}", "ngram", "--order", order, "--tokenizer", "whitespace", "--train", "train.txt");
        return folder;
    }

    [Fact]
    public async Task TrainMix_TwoNGrams_FitsWeightsNoWorseThanEitherAndEveryCommandTakesIt()
    {
        using var folder = await TrainMixtureAsync();

        // When the two n-grams are mixed on the validation file
        var train = await CliRunner.RunAsync(folder.Path, "train", "mix", "--out", "models/mix", "--models", "models/ngram2", "models/ngram3",
            "--valid", "valid.txt", "--json");

        // Then the weights are a distribution, the fit is no worse than either model, and the directory names its components relatively
        Assert.True(train.ExitCode == 0, train.Stderr);
        var fit = JsonDocument.Parse(train.Stdout).RootElement;
        var components = fit.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["models/ngram2", "models/ngram3"], components.Select(c => c.GetProperty("model").GetString()));
        Assert.Equal(1.0, components.Sum(c => c.GetProperty("weight").GetDouble()), 9);
        Assert.True(fit.GetProperty("valid_ppl").GetDouble() <= components.Min(c => c.GetProperty("valid_ppl").GetDouble()) * (1 + 1e-9));
        var manifest = JsonDocument.Parse(File.ReadAllText(folder.File("models/mix/model.json"))).RootElement;
        Assert.Equal("hnreply-mix/1", manifest.GetProperty("format").GetString());
        Assert.Equal("../ngram2", manifest.GetProperty("options").GetProperty("components")[0].GetString());

        // And eval prints a "mix" row whose perplexity on the same file is at most either model's
        var eval = await CliRunner.RunAsync(folder.Path, "eval", "models/ngram2", "models/ngram3", "models/mix", "--text", "valid.txt", "--json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        var rows = JsonDocument.Parse(eval.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["ngram", "ngram", "mix"], rows.Select(r => r.GetProperty("kind").GetString()));
        double mixed = rows[2].GetProperty("perplexity").GetDouble();
        Assert.True(mixed <= Math.Min(rows[0].GetProperty("perplexity").GetDouble(), rows[1].GetProperty("perplexity").GetDouble()) * (1 + 1e-9));
        Assert.Equal(fit.GetProperty("valid_ppl").GetDouble(), mixed, 6);
        Assert.True(rows[2].GetProperty("bytes").GetInt64() > rows[1].GetProperty("bytes").GetInt64()); // the components count toward its size

        // And suggest takes it like any language model
        var suggest = await CliRunner.RunAsync(folder.Path, "suggest", "models/mix", "Have you tried ", "-k", "3", "--json");
        Assert.True(suggest.ExitCode == 0, suggest.Stderr);
        Assert.Equal(3, JsonDocument.Parse(suggest.Stdout).RootElement.GetProperty("suggestions").GetArrayLength());
    }

    [Fact]
    public async Task TrainMix_ModelsFolderMoved_MixtureStillLoads()
    {
        using var folder = await TrainMixtureAsync();
        var train = await CliRunner.RunAsync(folder.Path, "train", "mix", "--out", "models/mix", "--models", "models/ngram2", "models/ngram3", "--valid", "valid.txt");
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("mix", train.Stdout);

        Directory.Move(folder.File("models"), folder.File("moved"));
        var type = await CliRunner.RunAsync(folder.Path, ["type", "moved/mix"], stdin: "I think \n");

        Assert.True(type.ExitCode == 0, type.Stderr);
        Assert.NotEmpty(type.Stdout.Trim());
    }

    [Fact]
    public async Task TrainMix_DifferentVocabularies_NamesBothModels()
    {
        using var folder = await TrainMixtureAsync();
        await TrainAsync(folder, "other", "ngram", "--order", "2", "--tokenizer", "whitespace", "--train", "valid.txt");

        var run = await CliRunner.RunAsync(folder.Path, "train", "mix", "--out", "models/mix", "--models", "models/ngram2", "models/other", "--valid", "valid.txt");

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.StderrLines);
        Assert.StartsWith("hnreply: cannot mix models/ngram2 and models/other: the vocabularies differ", line);
        Assert.False(Directory.Exists(folder.File("models/mix")));
    }

    [Fact]
    public async Task TrainMix_OutIsOneOfTheModels_Refuses()
    {
        using var folder = await TrainMixtureAsync();

        var run = await CliRunner.RunAsync(folder.Path, "train", "mix", "--out", "models/ngram3", "--models", "models/ngram2", "models/ngram3", "--valid", "valid.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("would replace models/ngram3", Assert.Single(run.StderrLines));
        Assert.True(File.Exists(folder.File("models/ngram3/model.bin")));
    }
}
