using HnReply.Mixture;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Reply;
using HnReply.Neural.Runtime;
using HnReply.NGram;
using HnReply.Prediction;
using HnReply.Retrieval;
using HnReply.Word2Vec;

namespace HnReply.Neural.Models;

/// <summary>
/// Opens any model directory by the kind its <c>model.json</c> names, for the CLI and the server
/// alike. The kind is checked before any weights are read, so the wrong kind fails at once with one
/// line. A mixture's components are opened through the same loader and owned by the mixture's
/// <see cref="LoadedModel"/>.
/// </summary>
public static class ModelLoader
{
    public static IReadOnlyList<string> LanguageModelKinds { get; } = ["ngram", "lstm", "mix"];
    public static IReadOnlyList<string> ReplierKinds { get; } = ["retrieval", "reply", "hybrid"];

    /// <summary>A model directory of any kind.</summary>
    public static LoadedModel Load(string directory, ComputeDevice device = ComputeDevice.Cpu) =>
        Load(directory, device, []);

    /// <summary>A language model (ngram, lstm, mix); any other kind is a one-line error before anything is loaded.</summary>
    public static LoadedModel LoadLanguageModel(string directory, ComputeDevice device = ComputeDevice.Cpu)
    {
        string kind = ModelDirectory.ReadManifest(directory).Kind;
        if (!LanguageModelKinds.Contains(kind)) throw NotALanguageModel(directory, kind);
        return Load(directory, device);
    }

    /// <summary>A replier (retrieval, reply, hybrid); any other kind is a one-line error before anything is loaded.</summary>
    public static LoadedModel LoadReplier(string directory, ComputeDevice device = ComputeDevice.Cpu)
    {
        string kind = ModelDirectory.ReadManifest(directory).Kind;
        if (!ReplierKinds.Contains(kind)) throw NotAReplier(directory, kind);
        return Load(directory, device);
    }

    /// <summary>Word vectors: a word2vec model directory, or a bare vector file (word2vec binary or text, fastText .vec).</summary>
    public static LoadedModel LoadWordVectors(string path)
    {
        if (File.Exists(path)) return new LoadedModel(path, "word2vec", new FileInfo(path).Length, Word2VecModel.Load(path).Vectors, []);
        string kind = ModelDirectory.ReadManifest(path).Kind;
        if (kind != "word2vec") throw NoWordVectors(path, kind);
        return Load(path);
    }

    internal static InvalidDataException NotALanguageModel(string directory, string kind) =>
        new($"{directory}: a {kind} model does not predict text; give a language model ({string.Join(", ", LanguageModelKinds)})");

    internal static InvalidDataException NotAReplier(string directory, string kind) =>
        new($"{directory}: a {kind} model does not reply; give a replier ({string.Join(", ", ReplierKinds)})");

    internal static InvalidDataException NoWordVectors(string path, string kind) =>
        new($"{path}: a {kind} model has no word vectors; give a word2vec model or a vector file");

    // opening: the mixtures being opened, outermost first, so that a mixture that names itself is refused instead of recursing forever.
    private static LoadedModel Load(string directory, ComputeDevice device, IReadOnlyList<string> opening)
    {
        var manifest = ModelDirectory.ReadManifest(directory);
        long bytes = SizeOnDisk(directory);
        switch (manifest.Kind)
        {
            case "ngram": return new LoadedModel(directory, "ngram", bytes, NGramLanguageModel.Load(directory), []);
            case "retrieval": return new LoadedModel(directory, "retrieval", bytes, RetrievalReplier.Load(directory), []);
            case "word2vec": return new LoadedModel(directory, "word2vec", bytes, Word2VecModel.Load(directory).Vectors, []);
            case "reply":
                var reply = ReplyModel.Load(directory, device);
                return new LoadedModel(directory, "reply", bytes, new NeuralReplier(reply), [reply]);
            case "lstm":
                var lstm = LstmLanguageModel.Load(directory, device);
                return new LoadedModel(directory, "lstm", bytes, lstm, [lstm]);
            case "mix": return LoadMixture(directory, device, opening, bytes);
            case "hybrid": return LoadHybrid(directory, device, bytes);
            default:
                throw new InvalidDataException($"{Path.Combine(directory, ModelDirectory.ManifestFile)}: unknown model kind '{manifest.Kind}' ({manifest.Format})");
        }
    }

    private static LoadedModel LoadMixture(string directory, ComputeDevice device, IReadOnlyList<string> opening, long bytes)
    {
        string full = Path.GetFullPath(directory);
        if (opening.Contains(full)) throw new InvalidDataException($"{directory}: the mixture names itself among its components");
        var definition = MixtureDefinition.Load(directory);
        var components = new List<LoadedModel>();
        var models = new List<ILanguageModel>();
        try
        {
            foreach (string component in definition.Components)
            {
                if (!Directory.Exists(component))
                    throw new FileNotFoundException($"{directory}: component {component} is missing; train it again or run `hnreply train mix` with the models you have");
                var loaded = Load(component, device, [.. opening, full]);
                components.Add(loaded);
                models.Add(loaded.LanguageModel ?? throw new InvalidDataException($"{directory}: component {component} is a {loaded.Kind} model, not a language model"));
            }
            var mixture = MixtureLanguageModel.Create(models, definition.Weights, [.. definition.Components]);
            return new LoadedModel(directory, "mix", bytes + components.Sum(c => c.Bytes), mixture, components);
        }
        catch
        {
            foreach (var loaded in components) loaded.Dispose();
            throw;
        }
    }

    // The models a hybrid names, each of the kind its place needs; they belong to the hybrid's LoadedModel.
    private static LoadedModel LoadHybrid(string directory, ComputeDevice device, long bytes)
    {
        var definition = HybridDefinition.Load(directory);
        var parts = new List<LoadedModel>();
        try
        {
            var reply = Part(parts, directory, definition.Reply, "reply", device).Replier as NeuralReplier;
            var retrieval = Part(parts, directory, definition.Retrieval, "retrieval", device).Replier;
            var lm = definition.LanguageModel is { } lmDirectory ? Part(parts, directory, lmDirectory, null, device).AsLanguageModel() : null;
            var hybrid = new NeuralReplier(reply!.Model, lm, retrieval, null, definition.Ranker);
            return new LoadedModel(directory, "hybrid", bytes + parts.Sum(p => p.Bytes), hybrid, parts);
        }
        catch
        {
            foreach (var loaded in parts) loaded.Dispose();
            throw;
        }
    }

    // kind null: any language model.
    private static LoadedModel Part(List<LoadedModel> parts, string directory, string part, string? kind, ComputeDevice device)
    {
        if (!Directory.Exists(part))
            throw new FileNotFoundException($"{directory}: {part} is missing; train it again or run `hnreply train hybrid` with the models you have");
        var loaded = kind is null ? LoadLanguageModel(part, device) : Load(part, device);
        parts.Add(loaded);
        if (kind is not null && loaded.Kind != kind) throw new InvalidDataException($"{directory}: {part} is a {loaded.Kind} model where the hybrid needs a {kind} model");
        return loaded;
    }

    /// <summary>Bytes of every file in the directory.</summary>
    private static long SizeOnDisk(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
