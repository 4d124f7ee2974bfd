using System.Text.Json;
using System.Text.Json.Nodes;

namespace HnReply.Models;

/// <summary>
/// Reads and writes self-describing model directories (<c>model.json</c> + files). A directory is
/// written whole or not at all: files go to a sibling temp directory that is renamed into place.
/// Loading checks the format tag, so a directory of the wrong kind or a newer version fails with one
/// line that names the file and the problem.
/// </summary>
public static class ModelDirectory
{
    public const string ManifestFile = "model.json";

    /// <summary>snake_case names and enums as strings: how every manifest is written and read.</summary>
    public static JsonSerializerOptions JsonOptions => Json;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Writes a model: <paramref name="writeFiles"/> fills a temp directory, then the manifest is
    /// added and the directory renamed to <paramref name="path"/>, replacing an older one.
    /// </summary>
    public static void Write(string path, ModelManifest manifest, Action<string> writeFiles)
    {
        string full = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            writeFiles(temp);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, Json));
            Replace(full, temp);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// Moves the complete directory <paramref name="built"/> to <paramref name="path"/> (a sibling on the
    /// same file system). An older directory at <paramref name="path"/> is moved aside first and deleted
    /// only once the new one is in place, so some complete model is there at every moment but one rename.
    /// </summary>
    private static void Replace(string path, string built)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            string old = full + $".old-{Guid.NewGuid():N}";
            Directory.Move(full, old);
            Directory.Move(built, full);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.Move(built, full);
        }
    }

    /// <summary>
    /// Writes (or replaces) only <c>model.json</c> of a directory that its trainer fills in place
    /// (so that it can resume), atomically: temp file, then rename.
    /// </summary>
    public static void WriteManifest(string path, ModelManifest manifest)
    {
        string file = Path.Combine(path, ManifestFile);
        string temp = file + $".tmp-{Guid.NewGuid():N}";
        File.WriteAllText(temp, JsonSerializer.Serialize(manifest, Json));
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>Reads <c>model.json</c> of any kind.</summary>
    public static ModelManifest ReadManifest(string path)
    {
        string file = Path.Combine(path, ManifestFile);
        if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: no such model directory");
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: missing; {path} is not a model directory");
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(file), Json)
                   ?? throw new InvalidDataException($"{file}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not a valid manifest ({e.Message.Split('.')[0]})", e);
        }
    }

    /// <summary>Reads the manifest and checks it is of <paramref name="kind"/> at a version this build reads.</summary>
    public static ModelManifest ReadManifest(string path, string kind, int maxVersion)
    {
        var manifest = ReadManifest(path);
        string file = Path.Combine(path, ManifestFile);
        if (manifest.Kind != kind)
            throw new InvalidDataException($"{file}: a {manifest.Kind} model ({manifest.Format}), expected a {kind} model");
        if (manifest.Version < 1 || manifest.Version > maxVersion)
            throw new InvalidDataException($"{file}: format {manifest.Format} is newer than this build reads (up to hnreply-{kind}/{maxVersion})");
        return manifest;
    }

    /// <summary>Turns any options record into the manifest's JSON (snake_case, enums as strings).</summary>
    public static JsonObject ToJsonObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Json)!.AsObject();

    /// <summary>
    /// How a model directory that names another (a mixture its components, a hybrid its models) writes it down:
    /// relative to its own directory <paramref name="home"/>, so that a models folder can move.
    /// </summary>
    public static string Reference(string home, string other) =>
        Path.GetRelativePath(Path.GetFullPath(home), Path.GetFullPath(other));

    /// <summary>
    /// A <see cref="Reference"/> read back: resolved against <paramref name="directory"/> on disk, and shown relative
    /// to the working directory when <paramref name="directory"/> was given that way.
    /// </summary>
    public static string Resolve(string directory, string reference)
    {
        string full = Path.GetFullPath(Path.Combine(directory, reference));
        return Path.IsPathRooted(directory) ? full : Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
    }
}
