using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using HnReply.Word2Vec;

namespace HnReply.Cli.Commands;

/// <summary>
/// The word2vec training flags, named as the C tool's (<c>--cbow 0|1 --size --window --negative --hs
/// 0|1 --sample --alpha --min-count --iter --threads</c>), layered: defaults → <c>--config FILE</c>
/// (JSON with model.json's option names) → flags → <see cref="Word2VecOptions.Validate"/>.
/// </summary>
internal static class Word2VecFlags
{
    private static readonly Word2VecOptions Defaults = new();

    public static readonly Option<string?> Config = new("--config") { Description = "JSON file of options, named as in model.json (e.g. {\"architecture\": \"skip_gram\", \"size\": 300}); flags override it" };
    public static readonly Option<int?> Cbow = new("--cbow") { Description = "1: CBOW (default, as the C tool); 0: skip-gram" };
    public static readonly Option<int?> Size = new("--size") { Description = $"Dimensions of a word vector [default: {Defaults.Size}]" };
    public static readonly Option<int?> Window = new("--window") { Description = $"Largest distance to a context word [default: {Defaults.Window}]" };
    public static readonly Option<int?> Negative = new("--negative") { Description = $"Noise words per prediction; 0 = no negative sampling [default: {Defaults.Negative}]" };
    public static readonly Option<int?> Hs = new("--hs") { Description = "1: hierarchical softmax [default: 0]" };
    public static readonly Option<double?> Sample = new("--sample") { Description = $"Subsampling threshold for frequent words; 0 = off [default: {Defaults.Sample}]" };
    public static readonly Option<double?> Alpha = new("--alpha") { Description = "Starting learning rate [default: 0.025 skip-gram, 0.05 CBOW]" };
    public static readonly Option<int?> MinCount = new("--min-count") { Description = $"Drop words seen fewer times [default: {Defaults.MinCount}]" };
    public static readonly Option<int?> Iter = new("--iter") { Description = $"Passes over the text [default: {Defaults.Iterations}]" };
    public static readonly Option<int?> Threads = new("--threads") { Description = "Training threads; 1 with --seed is bit-for-bit reproducible [default: cores]" };

    private static readonly JsonSerializerOptions ConfigJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { Config, Cbow, Size, Window, Negative, Hs, Sample, Alpha, MinCount, Iter, Threads })
            command.Options.Add(option);
    }

    public static Word2VecOptions Read(ParseResult parse)
    {
        var errors = new List<string>();
        var options = parse.GetValue(Config) is { } path ? ReadConfig(path) : Defaults;
        if (parse.GetValue(Cbow) is { } cbow) options = options with { Architecture = Flag(cbow, "--cbow", errors) ? Word2VecArchitecture.Cbow : Word2VecArchitecture.SkipGram };
        if (parse.GetValue(Size) is { } size) options = options with { Size = size };
        if (parse.GetValue(Window) is { } window) options = options with { Window = window };
        if (parse.GetValue(Negative) is { } negative) options = options with { Negative = negative };
        if (parse.GetValue(Hs) is { } hs) options = options with { HierarchicalSoftmax = Flag(hs, "--hs", errors) };
        if (parse.GetValue(Sample) is { } sample) options = options with { Sample = sample };
        if (parse.GetValue(Alpha) is { } alpha) options = options with { Alpha = alpha };
        if (parse.GetValue(MinCount) is { } minCount) options = options with { MinCount = minCount };
        if (parse.GetValue(Iter) is { } iter) options = options with { Iterations = iter };
        if (parse.GetValue(Threads) is { } threads) options = options with { Threads = threads };
        if (parse.GetResult(GlobalOptions.Seed) is { Implicit: false }) options = options with { Seed = parse.GetValue(GlobalOptions.Seed) };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message);
        }
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        return options;
    }

    private static bool Flag(int value, string name, List<string> errors)
    {
        if (value is not (0 or 1)) errors.Add($"{name} must be 0 or 1, got {value}");
        return value == 1;
    }

    private static Word2VecOptions ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        try
        {
            return JsonSerializer.Deserialize<Word2VecOptions>(File.ReadAllText(path), ConfigJson) ?? throw new InvalidDataException($"{path}: empty config");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a word2vec config ({e.Message.Split(" Path:")[0]})", e);
        }
    }
}
