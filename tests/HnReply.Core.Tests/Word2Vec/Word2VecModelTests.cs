using System.Text.Json.Nodes;
using HnReply.Core.Tests.Corpus;
using HnReply.Models;
using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class Word2VecModelTests
{
    private static readonly Word2VecOptions Options = new() { Size = 8, MinCount = 1, Iterations = 2, Threads = 1, Window = 2 };

    private static (Word2VecCorpus Corpus, Word2VecResult Result) Trained()
    {
        var corpus = PlantedText.Corpus(PlantedText.Synonyms(groups: 2, members: 3, sentencesPerWord: 10, seed: 5));
        return (corpus, new Word2VecTrainer(Options).Train(corpus));
    }

    [Fact]
    public void SaveThenLoad_Directory_SameVectorsAndADescribingManifest()
    {
        using var folder = new TempDirectory();
        string model = Path.Combine(folder.Root, "w2v");
        var (corpus, result) = Trained();

        Word2VecModel.Save(model, result, Options, corpus, new JsonObject { ["name"] = "whitespace-c" }, new JsonObject { ["source"] = "t" }, writeText: true);
        var loaded = Word2VecModel.Load(model);

        Assert.Equal(result.Vectors.Words, loaded.Vectors.Words);
        Assert.True(result.Vectors.Values.SequenceEqual(loaded.Vectors.Values));
        Assert.True(WordVectorFile.Read(Path.Combine(model, Word2VecModel.TextVectorsFile)).Values.SequenceEqual(loaded.Vectors.Values));
        Assert.Equal(Word2VecModel.Format, loaded.Manifest!.Format);
        Assert.Equal(corpus.Vocabulary.Count, loaded.Manifest.VocabularySize);
        Assert.Equal("-cbow 1 -size 8 -window 2 -negative 5 -hs 0 -sample 0.001 -alpha 0.05 -min-count 1 -iter 2 -threads 1", (string?)loaded.Manifest.Options["c_flags"]);
        Assert.Equal(result.FinalLoss, (double)loaded.Manifest.Metrics["loss"]!);
        string[] vocab = File.ReadAllLines(Path.Combine(model, Word2VecModel.VocabularyFile));
        Assert.Equal($"</s>\t{corpus.Vocabulary.Counts[0]}", vocab[0]);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(model, Word2VecModel.MetricsFile)).Length);
    }

    [Fact]
    public void Load_WrongKind_NamesManifestAndKind()
    {
        using var folder = new TempDirectory();
        string model = Path.Combine(folder.Root, "ngram");
        ModelDirectory.Write(model, new ModelManifest { Format = "hnreply-ngram/1" }, _ => { });

        var error = Assert.Throws<InvalidDataException>(() => Word2VecModel.Load(model));

        Assert.Contains("model.json: a ngram model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryWithoutVectors_NamesTheMissingFile()
    {
        using var folder = new TempDirectory();
        string model = Path.Combine(folder.Root, "w2v");
        ModelDirectory.Write(model, new ModelManifest { Format = Word2VecModel.Format, VocabularySize = 3 }, _ => { });

        var error = Assert.Throws<FileNotFoundException>(() => Word2VecModel.Load(model));

        Assert.Contains("vectors.bin: missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_VectorFile_NeedsNoManifest()
    {
        using var folder = new TempDirectory();
        string path = folder.Write("v.txt", "1 2\nword 1 2\n");

        var model = Word2VecModel.Load(path);

        Assert.Null(model.Manifest);
        Assert.Equal(["word"], model.Vectors.Words);
    }
}
