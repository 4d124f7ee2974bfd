using System.Text.Json;

namespace HnReply.Corpus;

/// <summary>
/// Tells a body cut short (a strict prefix of some valid JSON, e.g. <c>{"id":12,"te</c> or nothing)
/// from JSON that is complete but wrong. Only the first is worth fetching again.
/// </summary>
internal static class JsonPrefix
{
    public static bool IsTruncated(ReadOnlySpan<byte> body) =>
        !IsWellFormed(body, isFinalBlock: true) && IsWellFormed(body, isFinalBlock: false);

    // With isFinalBlock false the reader stops quietly where data runs out but still throws on a syntax error.
    private static bool IsWellFormed(ReadOnlySpan<byte> body, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock, state: default);
        try
        {
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
