using System.Text.Json.Nodes;
using HnReply.Mixture;
using HnReply.Models;
using HnReply.Neural.Models;
using HnReply.NGram;
using HnReply.Text;

namespace HnReply.Neural.Tests.Models;

/// <summary>The loader on n-gram and mixture directories (no libtorch involved).</summary>
public sealed class ModelLoaderTests : IDisposable
{
    private static readonly string[] Text = ["the cat sat on the mat", "the dog sat on the rug", "a cat likes the rug"];
    private readonly string _folder = Directory.CreateTempSubdirectory("hnreply-loader-").FullName;

    private string NGram(string name, int order)
    {
        var model = NGramLanguageModel.Train(Text, new TokenizerOptions { Kind = TokenizerKind.Whitespace }, 1, int.MaxValue, new NGramOptions { Order = order });
        string dir = Path.Combine(_folder, name);
        model.Save(dir, new ModelManifest { Format = NGramLanguageModel.FormatTag });
        return dir;
    }

    private string Mixture(params string[] components)
    {
        string dir = Path.Combine(_folder, "mix");
        using var first = ModelLoader.LoadLanguageModel(components[0]);
        var fit = new MixtureFit([.. components.Select(_ => 1.0 / components.Length)], [.. components.Select(_ => 2.0)], 2, 10, 1, true);
        MixtureDefinition.Save(dir, components, first.AsLanguageModel(), fit, new MixtureOptions(), []);
        return dir;
    }

    [Fact]
    public void Load_Mixture_LoadsItsComponentsThroughTheLoader()
    {
        string mix = Mixture(NGram("ngram2", 2), NGram("ngram3", 3));

        using var loaded = ModelLoader.Load(mix);

        Assert.Equal("mix", loaded.Kind);
        var model = Assert.IsType<MixtureLanguageModel>(loaded.AsLanguageModel());
        Assert.Equal(["ngram", "ngram"], model.Components.Select(c => c.Kind));
        Assert.Equal([0.5, 0.5], model.Weights);
        Assert.True(loaded.Bytes > new DirectoryInfo(Path.Combine(_folder, "ngram3")).EnumerateFiles().Sum(f => f.Length));
    }

    [Fact]
    public void LoadLanguageModel_Word2VecDirectory_FailsOnTheManifestAlone()
    {
        // Given a word2vec directory with no vectors at all: only its kind can be read
        string dir = Path.Combine(_folder, "w2v");
        ModelDirectory.Write(dir, new ModelManifest { Format = "hnreply-word2vec/1" }, _ => { });

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.LoadLanguageModel(dir));

        Assert.Equal($"{dir}: a word2vec model does not predict text; give a language model (ngram, lstm, mix)", error.Message);
    }

    [Fact]
    public void LoadReplier_LanguageModel_SaysItDoesNotReply()
    {
        string dir = NGram("ngram", 2);

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.LoadReplier(dir));

        Assert.Equal($"{dir}: a ngram model does not reply; give a replier (retrieval, reply, hybrid)", error.Message);
    }

    [Fact]
    public void Load_MixtureWithAMissingComponent_NamesIt()
    {
        string two = NGram("ngram2", 2), three = NGram("ngram3", 3);
        string mix = Mixture(two, three);
        Directory.Delete(three, recursive: true);

        var error = Assert.Throws<FileNotFoundException>(() => ModelLoader.Load(mix));

        Assert.StartsWith($"{mix}: component {three} is missing", error.Message);
    }

    [Fact]
    public void Load_MixtureThatNamesItself_IsRefused()
    {
        string mix = Mixture(NGram("ngram2", 2), NGram("ngram3", 3));
        string file = Path.Combine(mix, ModelDirectory.ManifestFile);
        var manifest = JsonNode.Parse(File.ReadAllText(file))!;
        manifest["options"]!["components"]![1] = ".";
        File.WriteAllText(file, manifest.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.Load(mix));

        Assert.Contains("names itself", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
