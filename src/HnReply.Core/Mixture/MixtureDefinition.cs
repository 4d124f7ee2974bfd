using System.Text.Json.Nodes;
using HnReply.Models;
using HnReply.Prediction;

namespace HnReply.Mixture;

/// <summary>
/// A mixture's model directory (<c>hnreply-mix/1</c>): only <c>model.json</c>, which names the
/// component model directories — relative to the mixture's own directory, so a models folder can
/// move — and their weights, and records what the weights were fitted on: each component's and the
/// mixture's validation perplexity. The vocabulary and weights stay in the components' directories.
/// </summary>
/// <param name="Components">The component directories, resolved against the mixture's directory.</param>
public sealed record MixtureDefinition(IReadOnlyList<string> Components, IReadOnlyList<double> Weights)
{
    public const string FormatTag = "hnreply-mix/1";

    /// <summary>Writes the directory whole or not at all (<see cref="ModelDirectory.Write"/>).</summary>
    /// <param name="components">The component directories, as given (relative to the working directory or absolute).</param>
    /// <param name="first">The first component, whose tokenizer and vocabulary the mixture shares.</param>
    /// <param name="data">What the weights were fitted on (source, documents).</param>
    public static void Save(string directory, IReadOnlyList<string> components, ILanguageModel first, MixtureFit fit, MixtureOptions options, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(fit);
        var optionsJson = ModelDirectory.ToJsonObject(options);
        optionsJson["components"] = new JsonArray([.. components.Select(c => JsonValue.Create(ModelDirectory.Reference(directory, c)))]);
        optionsJson["weights"] = new JsonArray([.. fit.Weights.Select(w => JsonValue.Create(w))]);
        var manifest = new ModelManifest
        {
            Format = FormatTag,
            Options = optionsJson,
            Tokenizer = ModelDirectory.ToJsonObject(first.Tokenizer.Options),
            VocabularySize = first.Vocabulary.Count,
            Data = data,
            Metrics = new JsonObject
            {
                ["valid_ppl"] = Math.Round(fit.Perplexity, 4),
                ["valid_tokens"] = fit.Tokens,
                ["component_valid_ppl"] = new JsonArray([.. fit.ComponentPerplexities.Select(p => JsonValue.Create(Math.Round(p, 4)))]),
                ["iterations"] = fit.Iterations,
                ["converged"] = fit.Converged,
            },
        };
        ModelDirectory.Write(directory, manifest, _ => { });
    }

    /// <summary>Reads <c>model.json</c> of a mixture directory; the components are not opened.</summary>
    public static MixtureDefinition Load(string directory)
    {
        var manifest = ModelDirectory.ReadManifest(directory, "mix", 1);
        string file = Path.Combine(directory, ModelDirectory.ManifestFile);
        try
        {
            var components = manifest.Options["components"]?.AsArray().Select(c => c?.GetValue<string>() ?? throw Malformed(file)).ToList() ?? [];
            var weights = manifest.Options["weights"]?.AsArray().Select(w => w?.GetValue<double>() ?? throw Malformed(file)).ToList() ?? [];
            if (components.Count < 2 || weights.Count != components.Count)
                throw new InvalidDataException($"{file}: a mixture needs two or more components with one weight each, found {components.Count} components and {weights.Count} weights");
            return new MixtureDefinition([.. components.Select(c => ModelDirectory.Resolve(directory, c))], weights);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw Malformed(file, e);
        }
    }

    private static InvalidDataException Malformed(string file, Exception? inner = null) =>
        new($"{file}: options.components must be a list of directories and options.weights a list of numbers", inner);
}
