using System.Text.Json.Nodes;
using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Neural.Models;

namespace HnReply.Server.Models;

/// <summary>
/// One loaded model directory as the API names it: <see cref="Name"/> is the directory's own name
/// ("models/lstm" → "lstm"), the one clients send in requests.
/// </summary>
public sealed record ServedModel(string Name, LoadedModel Loaded, ModelManifest Manifest)
{
    public string Kind => Loaded.Kind;

    /// <summary>The training curves <c>train lstm</c> draws beside the weights, when there are any.</summary>
    public string? LossCurve => File.Exists(Path.Combine(Loaded.Directory, LstmTrainer.CurveFile)) ? Path.Combine(Loaded.Directory, LstmTrainer.CurveFile) : null;

    public JsonObject Metrics => Manifest.Metrics;

    public static string NameOf(string directory) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
}
