using HnReply.Models;
using HnReply.NGram;
using HnReply.Neural.Lstm;
using HnReply.Prediction;
using HnReply.Retrieval;
using HnReply.Word2Vec;

namespace HnReply.Cli;

/// <summary>Opens any model directory by the kind its <c>model.json</c> names.</summary>
internal static class ModelLoader
{
    public static object Load(string directory)
    {
        var manifest = ModelDirectory.ReadManifest(directory);
        return manifest.Kind switch
        {
            "ngram" => NGramLanguageModel.Load(directory),
            "retrieval" => RetrievalReplier.Load(directory),
            "lstm" => LstmLanguageModel.Load(directory),
            "word2vec" => Word2VecModel.Load(directory),
            _ => throw new InvalidDataException($"{Path.Combine(directory, ModelDirectory.ManifestFile)}: unknown model kind '{manifest.Kind}' ({manifest.Format})"),
        };
    }

    public static ILanguageModel LoadLanguageModel(string directory) =>
        Load(directory) as ILanguageModel
        ?? throw new InvalidDataException($"{directory}: a {ModelDirectory.ReadManifest(directory).Kind} model does not predict text; give a language model (ngram, lstm)");

    public static IReplier LoadReplier(string directory) =>
        Load(directory) as IReplier
        ?? throw new InvalidDataException($"{directory}: a {ModelDirectory.ReadManifest(directory).Kind} model does not reply; give a replier (retrieval, reply)");

    /// <summary>Bytes of every file in the directory: the model's size on disk.</summary>
    public static long SizeOnDisk(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
