using System.Text.Json;
using System.Text.Json.Nodes;

namespace HnReply.Server.Models;

/// <summary>
/// The eval report the page shows as the ladder: the folder <c>hnreply eval ... --report DIR</c>
/// wrote (ladder.json, ladder.png). <c>serve --report DIR</c> names it; without it, a "report"
/// folder beside the first model directory — where quickstart puts it (models/report beside
/// models/ngram) — is used when it exists.
/// </summary>
public sealed class LadderReport(string? folder)
{
    public const string TableFile = "ladder.json";
    public const string ChartFile = "ladder.png";

    /// <summary>A full path: files are served from it, and a relative path would be read as one under the web root.</summary>
    public string? Folder { get; } = folder is null ? null : Path.GetFullPath(folder);

    public static LadderReport Locate(ServerOptions options)
    {
        if (options.Report is { } given) return new LadderReport(given);
        if (options.Models.Count == 0) return new LadderReport(null);
        string? parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Models[0])));
        string beside = Path.Combine(parent ?? ".", "report");
        return new LadderReport(Directory.Exists(beside) ? beside : null);
    }

    public string? Chart => Folder is not null && File.Exists(Path.Combine(Folder, ChartFile)) ? Path.Combine(Folder, ChartFile) : null;

    /// <summary>The rows of ladder.json (one object per model, eval's --json shape), or null when there is no report.</summary>
    /// <exception cref="InvalidDataException">ladder.json is there but is not a JSON array.</exception>
    public JsonArray? Rows()
    {
        if (Folder is null) return null;
        string file = Path.Combine(Folder, TableFile);
        if (!File.Exists(file)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(file)) as JsonArray ?? throw new InvalidDataException($"{file}: not a JSON array of models");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not valid JSON ({e.Message.Split('.')[0]})", e);
        }
    }
}
