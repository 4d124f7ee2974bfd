using System.Text.Json;
using System.Text.Json.Nodes;
using HnReply.Models;
using HnReply.Ranking;

namespace HnReply.Neural.Reply;

/// <summary>
/// A hybrid replier's model directory (<c>hnreply-hybrid/1</c>): only <c>model.json</c>, which names the
/// reply model, the retrieval model and, when MMI's p(r) came from elsewhere, the language model —
/// relative to the hybrid's own directory, as a mixture names its components — and holds the fitted
/// <see cref="LinearRanker"/> over <see cref="NeuralReplier.HybridFeatures"/>.
/// </summary>
/// <param name="Reply">The reply model directory, resolved against the hybrid's directory.</param>
/// <param name="Retrieval">The retrieval model directory, resolved likewise.</param>
/// <param name="LanguageModel">The p(r) of the reply model's score, or null for the LM the reply model holds (or none).</param>
public sealed record HybridDefinition(string Reply, string Retrieval, string? LanguageModel, LinearRanker Ranker)
{
    public const string FormatTag = "hnreply-hybrid/1";

    /// <summary>Writes the directory whole or not at all; <see cref="Reply"/>, <see cref="Retrieval"/> and <see cref="LanguageModel"/> as given.</summary>
    public static void Save(string directory, HybridDefinition definition, ReplyModel reply, JsonObject data, JsonObject metrics)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(reply);
        var options = new JsonObject
        {
            ["reply"] = ModelDirectory.Reference(directory, definition.Reply),
            ["retrieval"] = ModelDirectory.Reference(directory, definition.Retrieval),
            ["lm"] = definition.LanguageModel is null ? null : ModelDirectory.Reference(directory, definition.LanguageModel),
            ["ranker"] = ModelDirectory.ToJsonObject(definition.Ranker),
        };
        var manifest = new ModelManifest
        {
            Format = FormatTag,
            Options = options,
            Tokenizer = ModelDirectory.ToJsonObject(reply.Tokenizer.Options),
            VocabularySize = reply.Vocabulary.Count,
            Data = data,
            Metrics = metrics,
        };
        ModelDirectory.Write(directory, manifest, _ => { });
    }

    /// <summary>Reads <c>model.json</c> of a hybrid directory; the models it names are not opened.</summary>
    public static HybridDefinition Load(string directory)
    {
        var manifest = ModelDirectory.ReadManifest(directory, "hybrid", 1);
        string file = Path.Combine(directory, ModelDirectory.ManifestFile);
        try
        {
            string reply = manifest.Options["reply"]?.GetValue<string>() ?? throw Malformed(file, "options.reply must name the reply model directory");
            string retrieval = manifest.Options["retrieval"]?.GetValue<string>() ?? throw Malformed(file, "options.retrieval must name the retrieval model directory");
            string? lm = manifest.Options["lm"]?.GetValue<string>();
            var ranker = manifest.Options["ranker"].Deserialize<LinearRanker>(ModelDirectory.JsonOptions) ?? throw Malformed(file, "options.ranker is missing");
            if (!ranker.Features.SequenceEqual(NeuralReplier.HybridFeatures))
                throw Malformed(file, $"options.ranker weighs {string.Join(", ", ranker.Features)} where this build computes {string.Join(", ", NeuralReplier.HybridFeatures)}; run `hnreply train hybrid` again");
            if (ranker.Means.Count != ranker.Features.Count || ranker.Scales.Count != ranker.Features.Count || ranker.Weights.Count != ranker.Features.Count)
                throw Malformed(file, "options.ranker needs one mean, scale and weight per feature");
            return new HybridDefinition(ModelDirectory.Resolve(directory, reply), ModelDirectory.Resolve(directory, retrieval),
                                        lm is null ? null : ModelDirectory.Resolve(directory, lm), ranker);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw Malformed(file, e.Message, e);
        }
    }

    private static InvalidDataException Malformed(string file, string problem, Exception? inner = null) => new($"{file}: {problem}", inner);
}
