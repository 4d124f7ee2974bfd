using System.Text.Json.Nodes;
using HnReply.Core.Tests.Corpus;
using HnReply.Core.Tests.Prediction;
using HnReply.Mixture;

namespace HnReply.Core.Tests.Mixture;

public class MixtureDefinitionTests
{
    [Fact]
    public void Load_AfterTheModelsFolderMoved_FindsTheComponentsBesideIt()
    {
        // Given a mixture saved beside its components in models/
        using var temp = new TempDirectory();
        string models = Path.Combine(temp.Root, "models");
        var model = new AddOneBigramModel(["a b"]);
        var fit = new MixtureFit([0.25, 0.75], [3.0, 4.0], 2.5, 10, 7, true);
        MixtureDefinition.Save(Path.Combine(models, "mix"), [Path.Combine(models, "ngram"), Path.Combine(models, "lstm")], model, fit, new MixtureOptions(), []);

        // When the whole folder moves
        string moved = Path.Combine(temp.Root, "elsewhere");
        Directory.Move(models, moved);
        var definition = MixtureDefinition.Load(Path.Combine(moved, "mix"));

        // Then the components resolve in the new place, and the manifest keeps what the fit measured
        Assert.Equal([Path.Combine(moved, "ngram"), Path.Combine(moved, "lstm")], definition.Components);
        Assert.Equal([0.25, 0.75], definition.Weights);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(moved, "mix", "model.json")))!;
        Assert.Equal("hnreply-mix/1", (string?)manifest["format"]);
        Assert.Equal("../ngram", (string?)manifest["options"]!["components"]![0]);
        Assert.Equal(2.5, (double?)manifest["metrics"]!["valid_ppl"]);
    }

    [Fact]
    public void Load_OneWeightMissing_NamesTheFile()
    {
        using var temp = new TempDirectory();
        string mix = Path.Combine(temp.Root, "mix");
        MixtureDefinition.Save(mix, ["a", "b"], new AddOneBigramModel(["a b"]), new MixtureFit([0.5, 0.5], [2, 2], 2, 1, 1, true), new MixtureOptions(), []);
        string file = Path.Combine(mix, "model.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("0.5,", "", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => MixtureDefinition.Load(mix));

        Assert.StartsWith($"{file}: a mixture needs two or more components with one weight each", error.Message);
    }
}
