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

    /// <summary>The training curves <c>train lstm</c> draws beside the weights, when there are any (a full path: a relative one would be read as a path under the web root).</summary>
    public string? LossCurve => Path.GetFullPath(Path.Combine(Loaded.Directory, LstmTrainer.CurveFile)) is var file && File.Exists(file) ? file : null;

    public JsonObject Metrics => Manifest.Metrics;

    public static string NameOf(string directory) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
}
