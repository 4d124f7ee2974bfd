using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HnReply.Cli;

/// <summary>
/// Layered settings, nanoGPT's order: defaults, then <c>--config file.json</c>, then flags given on
/// the command line. A config key is a flag's name without dashes (<c>"order": 5</c>, <c>"min-count": 1</c>).
/// </summary>
internal sealed class ConfigFile
{
    public static readonly Option<string?> Path = new("--config") { Description = "JSON file of settings; flags given on the command line win" };

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly JsonObject _values;
    private readonly string? _file;

    private ConfigFile(JsonObject values, string? file)
    {
        _values = values;
        _file = file;
    }

    public static ConfigFile Read(ParseResult parse)
    {
        if (parse.GetValue(Path) is not { } file) return new ConfigFile([], null);
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such config file");
        try
        {
            return new ConfigFile(JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                                  ?? throw new InvalidDataException($"{file}: a config file is one JSON object"), file);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not valid JSON ({e.Message.Split('.')[0]})", e);
        }
    }

    /// <summary>The flag's value when given on the command line, else the config file's, else the flag's default.</summary>
    public T Get<T>(ParseResult parse, Option<T> option) => Get(parse, option, parse.GetValue(option)!);

    /// <summary>The flag's value when given on the command line, else the config file's, else <paramref name="fallback"/> (a preset's value).</summary>
    public T Get<T>(ParseResult parse, Option<T?> option, T fallback) where T : struct
    {
        if (parse.GetResult(option) is { Implicit: false }) return parse.GetValue(option) ?? fallback;
        return FromFile(option.Name.TrimStart('-'), fallback);
    }

    private T Get<T>(ParseResult parse, Option<T> option, T fallback)
    {
        if (parse.GetResult(option) is { Implicit: false }) return parse.GetValue(option)!;
        return FromFile(option.Name.TrimStart('-'), fallback);
    }

    private T FromFile<T>(string key, T fallback)
    {
        if (!_values.TryGetPropertyValue(key, out var node) || node is null) return fallback;
        try
        {
            return node.Deserialize<T>(Json)!;
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"{_file}: \"{key}\" has the wrong type for --{key}");
        }
    }
}
