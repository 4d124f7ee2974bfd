using System.Text.Json;

namespace HnReply.Cli.Output;

/// <summary>The <c>--json</c> shapes of DESIGN.md: snake_case keys, one document on stdout.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Text stays readable (it's, "quotes", <code>): output is data for files and pipes, never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static void Write<T>(T value) => Console.Out.WriteLine(Serialize(value));
}
