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

    /// <summary>DESIGN.md's shape for <c>fetch</c> and <c>ingest</c>, plus <c>missing</c> where a crawl has it.</summary>
    public static void WriteLoad(long read, long stored, long skipped, long errors, TimeSpan elapsed, long? missing = null)
    {
        var summary = new Dictionary<string, object>
        {
            ["read"] = read, ["stored"] = stored, ["skipped"] = skipped, ["errors"] = errors,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
        };
        if (missing is { } m) summary["missing"] = m;
        Write(summary);
    }
}
